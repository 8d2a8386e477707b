"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { mergeMessages, parseSiteMessage, SITE_MESSAGE_COLUMNS, type SiteMessage } from "@/lib/site/messages";
import { sendErrorKey, type SendErrorKey } from "@/lib/site/send-errors";
import { useSiteClient, useSiteEvents } from "./use-site-events";

export type { SendErrorKey };

/** A message typed here and not yet confirmed by the database: shown at once, retried with the same client id. */
export interface OutgoingMessage {
  clientId: string;
  body: string;
  status: "sending" | "failed";
  error: SendErrorKey | null;
}

export type SendOutcome = { ok: true; threadId: number } | { ok: false; refused: boolean; error: SendErrorKey };

const PAGE = 500;

/**
 * The participant's organizer conversation, live. Server-rendered messages first; then, on every notification,
 * reconnect, return online or visible tab, the messages after the last one seen are fetched from the database (in
 * order, merged by id: nothing lost, nothing twice). Sends are optimistic and idempotent (client id); without a
 * thread yet, the first message starts it (contact_organizer).
 */
export function useSiteConversation({ eventId, threadId, initialMessages }: { eventId: string; threadId: number | null; initialMessages: SiteMessage[] }) {
  const { rest } = useSiteClient();
  const [messages, setMessages] = useState(initialMessages);
  const [outbox, setOutbox] = useState<OutgoingMessage[]>([]);
  const lastId = useRef(initialMessages.at(-1)?.id ?? 0);
  const catchingUp = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  const markRead = useCallback(() => {
    if (threadId === null || document.visibilityState !== "visible") return;
    void rest.rpc("mark_thread_read", { thread_id: threadId }).then(({ error }) => {
      if (error && error.code) console.error("[site] mark read failed:", error.code, error.message);
    });
  }, [rest, threadId]);

  const accept = useCallback((incoming: SiteMessage[]) => {
    if (incoming.length === 0) return;
    lastId.current = Math.max(lastId.current, ...incoming.map((m) => m.id));
    setMessages((current) => mergeMessages(current, incoming));
    const confirmed = new Set(incoming.map((m) => m.clientId).filter((id) => id !== null));
    setOutbox((current) => current.filter((m) => !confirmed.has(m.clientId)));
  }, []);

  const fetchNew = useCallback(async () => {
    if (threadId === null) return;
    for (;;) {
      const { data, error } = await rest
        .from("conversation_messages")
        .select(SITE_MESSAGE_COLUMNS)
        .eq("thread_id", threadId)
        .gt("id", lastId.current)
        .order("id", { ascending: true })
        .limit(PAGE);
      if (error) return; // offline: the next resync tries again
      const fresh = data.map(parseSiteMessage).filter((m) => m !== null);
      accept(fresh);
      if (fresh.some((m) => m.authorSide === "organizer")) markRead();
      if (data.length < PAGE) return;
    }
  }, [rest, threadId, accept, markRead]);

  // One catch-up at a time; a request during one runs once more after it.
  const catchUp = useCallback(async () => {
    if (catchingUp.current) {
      again.current = true;
      return catchingUp.current;
    }
    catchingUp.current = (async () => {
      do {
        again.current = false;
        await fetchNew();
      } while (again.current);
    })();
    try {
      await catchingUp.current;
    } finally {
      catchingUp.current = null;
    }
  }, [fetchNew]);

  const deliver = useCallback(
    async (outgoing: OutgoingMessage): Promise<SendOutcome> => {
      setOutbox((current) => current.map((m) => (m.clientId === outgoing.clientId ? { ...m, status: "sending", error: null } : m)));
      const { data, error } =
        threadId === null
          ? await rest.rpc("contact_organizer", { target_event_id: eventId, body: outgoing.body, client_id: outgoing.clientId })
          : await rest.rpc("post_message", { thread_id: threadId, body: outgoing.body, client_id: outgoing.clientId });
      const sent = error ? null : parseSiteMessage(data);
      if (sent) {
        accept([sent]);
        return { ok: true, threadId: sent.threadId };
      }
      const { key, refused } = error ? sendErrorKey(error) : { key: "composer.errors.unexpected" as const, refused: false };
      if (refused) setOutbox((current) => current.filter((m) => m.clientId !== outgoing.clientId));
      else setOutbox((current) => current.map((m) => (m.clientId === outgoing.clientId ? { ...m, status: "failed", error: key } : m)));
      return { ok: false, refused, error: key };
    },
    [rest, eventId, threadId, accept],
  );

  const send = useCallback(
    (body: string) => {
      const outgoing: OutgoingMessage = { clientId: crypto.randomUUID(), body, status: "sending", error: null };
      setOutbox((current) => [...current, outgoing]);
      return deliver(outgoing);
    },
    [deliver],
  );

  const outboxRef = useRef(outbox);
  useEffect(() => {
    outboxRef.current = outbox;
  });
  const retryFailed = useCallback(() => {
    for (const message of outboxRef.current) if (message.status === "failed") void deliver(message);
  }, [deliver]);

  useSiteEvents((event) => {
    if (event.kind === "message" && event.threadId === threadId) void catchUp();
    else if (event.kind === "broadcast") void catchUp();
    else if (event.kind === "resync") {
      void catchUp();
      // Back online: failed sends go again, with their client ids (never twice).
      retryFailed();
    }
  });

  useEffect(() => {
    markRead();
    const onVisible = () => markRead();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [markRead]);

  return { messages, outbox, send, retry: deliver };
}
