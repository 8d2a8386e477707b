"use client";

import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSupabase } from "@/components/supabase-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ReplyBox } from "@/components/messaging/reply-box";
import { MessageText } from "@/components/messaging/message-text";
import {
  errorCodeOf,
  fetchMessages,
  fetchRecipientCounts,
  fetchThread,
  markThreadRead,
  mergeMessages,
  sendReply,
  type ConversationErrorCode,
  type ConversationMessage,
} from "@/lib/messaging/conversation";
import { dayKey, formatDay, formatFull, formatTime } from "@/lib/messaging/format";
import { eventInboxTopic } from "@/lib/realtime/topics";
import { useTopic } from "@/lib/realtime/use-topic";

interface DisplayMessage extends ConversationMessage {
  /** Optimistic messages: negative ids until the server confirms them. */
  pending?: { state: "sending" | "failed"; error?: ConversationErrorCode };
}

type LoadState = "loading" | "ready" | "error";

/**
 * The organizers' conversation with one participant: every message (oldest first, grouped by day), live, with a reply
 * box. Opening it marks the conversation read for the organizer team. With no conversation yet, the first reply
 * starts it.
 */
export function OrganizerConversation(props: { eventId: string; participantId: string; participantName: string }) {
  // Another participant: another conversation, from a clean state.
  return <Conversation key={props.participantId} {...props} />;
}

function Conversation({
  eventId,
  participantId,
  participantName,
}: {
  eventId: string;
  participantId: string;
  participantName: string;
}) {
  const { t, i18n } = useTranslation("messaging");
  const supabase = useSupabase();
  const [load, setLoad] = useState<LoadState>("loading");
  const [threadId, setThreadId] = useState<number | null>(null);
  const [messages, setMessages] = useState<DisplayMessage[]>([]);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [recipients, setRecipients] = useState<Map<number, number>>(new Map());
  const [announcement, setAnnouncement] = useState("");

  // What the live catch-up needs without re-rendering: the newest confirmed id fetched, the thread, fetch in flight.
  const lastId = useRef(0);
  const thread = useRef<number | null>(null);
  const fetching = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const nextPendingId = useRef(-1);
  const unseen = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const olderAnchor = useRef<number | null>(null);

  const addRecipientCounts = useCallback(
    async (list: ConversationMessage[]) => {
      const ids = [...new Set(list.map((m) => m.broadcastId).filter((id) => id !== null))];
      if (ids.length === 0) return;
      try {
        const counts = await fetchRecipientCounts(supabase, ids);
        setRecipients((current) => new Map([...current, ...counts]));
      } catch {
        // The label falls back to "sent to several participants".
      }
    },
    [supabase],
  );

  const receive = useCallback(
    (incoming: ConversationMessage[]) => {
      if (incoming.length === 0) return;
      lastId.current = Math.max(lastId.current, ...incoming.map((m) => m.id));
      setMessages((current) => mergeMessages(current, incoming));
      void addRecipientCounts(incoming);
    },
    [addRecipientCounts],
  );

  /** Fetches what is new since the last message seen (or the conversation, once it exists). Serialized. */
  const catchUp = useCallback(async (): Promise<void> => {
    if (fetching.current) {
      again.current = true;
      return fetching.current;
    }
    const run = async () => {
      do {
        again.current = false;
        if (thread.current === null) {
          const found = await fetchThread(supabase, participantId);
          if (!found) return;
          thread.current = found.id;
          setThreadId(found.id);
        }
        const { messages: fresh } =
          lastId.current > 0
            ? await fetchMessages(supabase, thread.current, { afterId: lastId.current })
            : await fetchMessages(supabase, thread.current);
        receive(fresh);
        const fromParticipant = fresh.filter((m) => m.side === "participant");
        if (fromParticipant.length > 0) {
          setAnnouncement(t("conversation.newMessage", { name: participantName }));
          // Read when seen: now if the page is visible, else when it becomes visible again.
          if (document.visibilityState === "visible") await markThreadRead(supabase, thread.current);
          else unseen.current = true;
        }
      } while (again.current);
    };
    fetching.current = run()
      .catch(() => {
        // A missed catch-up is retried on the next notification or rejoin.
      })
      .finally(() => {
        fetching.current = null;
      });
    return fetching.current;
  }, [supabase, participantId, participantName, receive, t]);

  // The first load (and a retry after it failed): the thread, its newest messages, then "read" for the team.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let active = true;
    const loadConversation = async () => {
      const found = await fetchThread(supabase, participantId);
      return found ? { threadId: found.id, page: await fetchMessages(supabase, found.id) } : null;
    };
    loadConversation().then(
      (loaded) => {
        if (!active) return;
        if (loaded) {
          thread.current = loaded.threadId;
          setThreadId(loaded.threadId);
          receive(loaded.page.messages);
          setHasOlder(loaded.page.hasOlder);
          void markThreadRead(supabase, loaded.threadId).catch(() => undefined);
        }
        setLoad("ready");
      },
      () => {
        if (active) setLoad("error");
      },
    );
    return () => {
      active = false;
    };
  }, [supabase, participantId, receive, attempt]);

  useTopic(supabase, eventInboxTopic(eventId), {
    onEvent: ({ event, payload }) => {
      if (load !== "ready") return;
      if (event === "message" && payload.participant_id === participantId) void catchUp();
      // A broadcast may have reached this participant (and started their conversation).
      if (event === "broadcast") void catchUp();
    },
    onSubscribed: () => {
      if (load === "ready") void catchUp();
    },
  });

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState !== "visible" || !unseen.current || thread.current === null) return;
      unseen.current = false;
      void markThreadRead(supabase, thread.current).catch(() => {
        unseen.current = true;
      });
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [supabase]);

  // Catch up when the conversation becomes ready: notifications may have arrived while it loaded.
  useEffect(() => {
    if (load === "ready") void catchUp();
  }, [load, catchUp]);

  async function loadOlder() {
    const first = messages.find((m) => m.id > 0);
    if (!threadId || !first) return;
    setLoadingOlder(true);
    try {
      const page = await fetchMessages(supabase, threadId, { beforeId: first.id });
      olderAnchor.current = scroller.current ? scroller.current.scrollHeight - scroller.current.scrollTop : null;
      stickToBottom.current = false;
      setMessages((current) => mergeMessages(current, page.messages));
      setHasOlder(page.hasOlder);
      void addRecipientCounts(page.messages);
    } catch {
      // The button stays; the user can try again.
    } finally {
      setLoadingOlder(false);
    }
  }

  async function deliver(message: DisplayMessage) {
    try {
      const confirmed = await sendReply(supabase, participantId, message.body, message.clientId ?? crypto.randomUUID());
      setMessages((current) => mergeMessages(current, [confirmed]));
      if (thread.current === null) {
        thread.current = confirmed.threadId;
        setThreadId(confirmed.threadId);
      }
      void catchUp();
      return null;
    } catch (error) {
      const code = errorCodeOf(error);
      setMessages((current) =>
        current.map((m) => (m.clientId === message.clientId ? { ...m, pending: { state: "failed", error: code } } : m)),
      );
      return code;
    }
  }

  /** Sends a reply (optimistic); returns the error shown by the reply box, or null. */
  async function send(body: string): Promise<ConversationErrorCode | null> {
    const optimistic: DisplayMessage = {
      id: nextPendingId.current--,
      threadId: thread.current ?? 0,
      side: "organizer",
      authorName: null,
      body,
      broadcastId: null,
      clientId: crypto.randomUUID(),
      createdAt: new Date().toISOString(),
      pending: { state: "sending" },
    };
    stickToBottom.current = true;
    setMessages((current) => [...current, optimistic]);
    const code = await deliver(optimistic);
    if (code === "messageEmpty" || code === "messageTooLong" || code === "notFound") {
      // Retrying cannot help: the text goes back to the box with the error.
      setMessages((current) => current.filter((m) => m.clientId !== optimistic.clientId));
    }
    return code;
  }

  function retry(message: DisplayMessage) {
    setMessages((current) => current.map((m) => (m.clientId === message.clientId ? { ...m, pending: { state: "sending" } } : m)));
    void deliver(message);
  }

  function discard(message: DisplayMessage) {
    setMessages((current) => current.filter((m) => m.clientId !== message.clientId || m.id > 0));
  }

  // Scroll: to the newest message on load and when it arrives while the user is at the bottom; keep the position when
  // older messages are prepended.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (olderAnchor.current !== null) {
      element.scrollTop = element.scrollHeight - olderAnchor.current;
      olderAnchor.current = null;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [messages, load]);

  function onScroll() {
    const element = scroller.current;
    if (element) stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
  }

  const locale = i18n.language;
  const dayLabels = { today: t("conversation.today"), yesterday: t("conversation.yesterday") };
  const days = messages.map((message) => dayKey(new Date(message.createdAt)));

  return (
    <section aria-label={t("conversation.label", { name: participantName })} className="flex h-full min-h-0 flex-col" data-testid="organizer-conversation">
      <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto px-4 py-4 sm:px-5">
        {load === "loading" ? (
          <p className="py-10 text-center text-sm text-muted-foreground" role="status">
            {t("conversation.loading")}
          </p>
        ) : load === "error" ? (
          <div className="mx-auto max-w-sm space-y-3 py-8 text-center">
            <Alert tone="error">{t("conversation.loadFailed")}</Alert>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setLoad("loading");
                setAttempt((n) => n + 1);
              }}
            >
              {t("conversation.retryLoad")}
            </Button>
          </div>
        ) : messages.length === 0 ? (
          <div className="mx-auto flex max-w-sm flex-col items-center py-12 text-center">
            <span aria-hidden className="grid size-11 place-items-center rounded-full bg-muted text-muted-foreground">
              <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
                <path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z" />
              </svg>
            </span>
            <p className="mt-4 font-medium break-words">{t("conversation.empty", { name: participantName })}</p>
            <p className="mt-1 text-sm text-muted-foreground">{t("conversation.emptyHint", { name: participantName })}</p>
          </div>
        ) : (
          <>
            {hasOlder ? (
              <div className="mb-3 flex justify-center">
                <Button variant="ghost" size="sm" onClick={() => void loadOlder()} disabled={loadingOlder}>
                  {t("conversation.showEarlier")}
                </Button>
              </div>
            ) : null}
            {/* The live region wraps the list: role="log" on the <ol> itself would hide its list semantics. */}
            <div role="log" aria-live="polite" aria-relevant="additions">
            <ol className="space-y-2" data-testid="conversation-messages">
              {messages.map((message, index) => {
                const date = new Date(message.createdAt);
                const separator = index === 0 || days[index] !== days[index - 1];
                const previous = messages[index - 1];
                // Consecutive messages of one author within a few minutes share one name line.
                const continued =
                  !separator &&
                  previous !== undefined &&
                  previous.side === message.side &&
                  previous.authorName === message.authorName &&
                  !previous.pending === !message.pending &&
                  previous.broadcastId === null &&
                  message.broadcastId === null &&
                  date.getTime() - new Date(previous.createdAt).getTime() < 5 * 60_000;
                return (
                  <Fragment key={message.clientId && message.id < 0 ? message.clientId : message.id}>
                    {separator ? (
                      <li className="flex items-center gap-3 py-2 text-xs font-medium text-muted-foreground">
                        <span className="h-px flex-1 bg-border" />
                        <span>{formatDay(date, locale, dayLabels)}</span>
                        <span className="h-px flex-1 bg-border" />
                      </li>
                    ) : null}
                    <MessageItem
                      message={message}
                      continued={continued}
                      participantName={participantName}
                      recipientCount={message.broadcastId !== null ? recipients.get(message.broadcastId) : undefined}
                      onRetry={() => retry(message)}
                      onDiscard={() => discard(message)}
                    />
                  </Fragment>
                );
              })}
            </ol>
            </div>
          </>
        )}
      </div>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <ReplyBox participantName={participantName} disabled={load !== "ready"} onSend={send} />
    </section>
  );
}

function MessageItem({
  message,
  continued,
  participantName,
  recipientCount,
  onRetry,
  onDiscard,
}: {
  message: DisplayMessage;
  continued: boolean;
  participantName: string;
  recipientCount: number | undefined;
  onRetry(): void;
  onDiscard(): void;
}) {
  const { t, i18n } = useTranslation("messaging");
  const mine = message.side === "organizer";
  const date = new Date(message.createdAt);
  const author = mine ? (message.authorName ?? t("conversation.organizerFallback")) : participantName;
  const failed = message.pending?.state === "failed";
  return (
    <li
      className={cn("flex flex-col", mine ? "items-end pl-8 sm:pl-16" : "items-start pr-8 sm:pr-16", continued ? "-mt-1" : "pt-1")}
      data-testid="conversation-message"
      data-side={message.side}
      data-pending={message.pending?.state}
    >
      <div
        className={cn("mb-0.5 flex max-w-full items-baseline gap-2 px-1 text-xs text-muted-foreground", continued && "sr-only")}
      >
        {message.pending ? null : <span className="truncate font-medium text-foreground/80">{author}</span>}
        <time dateTime={message.createdAt} title={formatFull(date, i18n.language)}>
          {message.pending?.state === "sending" ? t("conversation.sending") : formatTime(date, i18n.language)}
        </time>
      </div>
      <div
        className={cn(
          "max-w-full rounded-2xl px-3.5 py-2 text-sm leading-relaxed shadow-xs",
          mine ? "rounded-br-md bg-primary text-primary-foreground" : "rounded-bl-md border border-border bg-surface",
          message.pending?.state === "sending" && "opacity-70",
          failed && "bg-danger-soft text-foreground ring-1 ring-danger/40",
        )}
      >
        <MessageText body={message.body} />
      </div>
      {message.broadcastId !== null ? (
        <p className="mt-0.5 flex items-center gap-1 px-1 text-xs text-muted-foreground" data-testid="broadcast-marker">
          <svg aria-hidden viewBox="0 0 24 24" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M23 21v-2a4 4 0 0 0-3-3.87M16 3.13a4 4 0 0 1 0 7.75" />
          </svg>
          {recipientCount !== undefined ? t("conversation.broadcast", { count: recipientCount }) : t("conversation.broadcastUnknown")}
        </p>
      ) : null}
      {failed ? (
        <div className="mt-1 flex flex-wrap items-center justify-end gap-2 px-1 text-xs">
          <span className="text-danger" role="alert">
            {t("conversation.notSent")} · {t(`conversation.errors.${message.pending?.error ?? "unexpected"}`)}
          </span>
          <Button variant="secondary" size="sm" className="h-7 px-2 text-xs" onClick={onRetry}>
            {t("conversation.retrySend")}
          </Button>
          <Button variant="ghost" size="sm" className="h-7 px-2 text-xs" onClick={onDiscard}>
            {t("conversation.discard")}
          </Button>
        </div>
      ) : null}
    </li>
  );
}
