"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTexts } from "@/components/texts-provider";
import { Alert } from "@/components/ui/alert";
import type { Locale } from "@/lib/i18n/settings";
import { useSiteConversation, type SendErrorKey } from "@/lib/realtime/use-site-conversation";
import { useSiteRealtimeStatus } from "@/lib/realtime/use-site-events";
import type { SiteMessage } from "@/lib/site/messages";
import { siteThreadPath } from "@/lib/site/paths";
import { Composer } from "./composer";
import { MessageBubble } from "./message-bubble";

/**
 * The organizer conversation, live, with the reply box. Without a thread yet ("Contact the organizer"), the first
 * message starts it and the page moves to the conversation's address.
 */
export function Conversation({
  eventId,
  eventSlug,
  threadId,
  title,
  initialMessages,
  locale,
}: {
  eventId: string;
  eventSlug: string;
  threadId: number | null;
  title: string;
  initialMessages: SiteMessage[];
  locale: Locale;
}) {
  const { t } = useTexts("site");
  const router = useRouter();
  const status = useSiteRealtimeStatus();
  const { messages, outbox, send, retry } = useSiteConversation({ eventId, threadId, initialMessages });
  const [draft, setDraft] = useState("");
  const [refusal, setRefusal] = useState<SendErrorKey | null>(null);
  const end = useRef<HTMLDivElement>(null);

  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [messages.length, outbox.length]);

  const onSend = async () => {
    const body = draft;
    setDraft("");
    setRefusal(null);
    const outcome = await send(body);
    if (outcome.ok && threadId === null) router.replace(siteThreadPath(eventSlug, outcome.threadId));
    if (!outcome.ok && outcome.refused) {
      // Refused by the server (e.g. contacting the organizer was turned off): say so and give the text back.
      setRefusal(outcome.error);
      setDraft((current) => (current === "" ? body : current));
    }
  };

  return (
    <section aria-labelledby="conversation-title" className="flex h-[calc(100dvh-13rem)] min-h-[26rem] flex-col overflow-hidden rounded-card border border-border bg-surface shadow-card">
      <header className="flex items-center justify-between gap-3 border-b border-border px-4 py-3 sm:px-5">
        <h1 id="conversation-title" className="min-w-0 truncate text-base font-semibold">
          {title}
        </h1>
        {status ? (
          <span className="flex shrink-0 items-center gap-1.5 text-xs text-muted-foreground" data-testid="live-status" data-status={status}>
            <span aria-hidden className={status === "live" ? "size-2 rounded-full bg-success" : "size-2 rounded-full bg-muted-foreground/50"} />
            {status === "live" ? t("messages.live") : t("messages.reconnecting")}
          </span>
        ) : null}
      </header>
      <div className="flex-1 overflow-y-auto bg-background px-3 py-4 sm:px-5">
        {messages.length === 0 && outbox.length === 0 ? (
          <p className="py-10 text-center text-sm text-muted-foreground">{t("messages.conversationEmpty")}</p>
        ) : null}
        <ol className="space-y-4" aria-label={title} data-testid="site-messages">
          {messages.map((message) => (
            <MessageBubble
              key={message.id}
              side={message.authorSide}
              authorName={message.authorName}
              body={message.body}
              createdAt={message.createdAt}
              locale={locale}
            />
          ))}
          {outbox.map((message) => (
            <MessageBubble
              key={message.clientId}
              side="participant"
              authorName={null}
              body={message.body}
              createdAt={null}
              locale={locale}
              muted
              footer={
                message.status === "sending" ? (
                  <p className="mt-1 px-1 text-xs text-muted-foreground">{t("composer.sending")}</p>
                ) : (
                  <p className="mt-1 px-1 text-xs text-danger" role="alert">
                    {t("composer.failed")} {message.error ? t(message.error) : null}{" "}
                    <button type="button" className="font-medium underline underline-offset-2" onClick={() => void retry(message)}>
                      {t("composer.retry")}
                    </button>
                  </p>
                )
              }
            />
          ))}
        </ol>
        <div ref={end} />
      </div>
      {refusal ? (
        <div className="border-t border-border px-3 pt-3 sm:px-4">
          <Alert tone="error">{t(refusal)}</Alert>
        </div>
      ) : null}
      <Composer value={draft} onChange={setDraft} onSend={() => void onSend()} />
    </section>
  );
}
