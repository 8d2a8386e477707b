"use client";

import type { ReactNode } from "react";
import { useTexts } from "@/components/texts-provider";
import { MessageText } from "@/components/messaging/message-text";
import { cn } from "@/components/ui/cn";
import type { Locale } from "@/lib/i18n/settings";

/** One message: organizer messages on the left with the writing organizer's name, the participant's own on the right. */
export function MessageBubble({
  side,
  authorName,
  body,
  createdAt,
  locale,
  footer,
  muted,
}: {
  side: "organizer" | "participant";
  authorName: string | null;
  body: string;
  createdAt: string | null;
  locale: Locale;
  footer?: ReactNode;
  muted?: boolean;
}) {
  const { t } = useTexts("site");
  const mine = side === "participant";
  return (
    <li className={cn("flex", mine ? "justify-end" : "justify-start")} data-testid="site-message" data-side={side}>
      <div className={cn("max-w-[85%] sm:max-w-[75%]", mine && "text-right")}>
        <p className="mb-1 px-1 text-xs text-muted-foreground">
          <span className="font-medium text-foreground" data-testid="message-author">
            {mine ? t("messages.you") : (authorName ?? t("messages.organizer"))}
          </span>
          {createdAt ? (
            <>
              {" · "}
              <time dateTime={createdAt} suppressHydrationWarning>
                {new Date(createdAt).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" })}
              </time>
            </>
          ) : null}
        </p>
        <div
          className={cn(
            "inline-block rounded-2xl px-3.5 py-2 text-left text-sm",
            mine ? "rounded-br-md bg-primary text-primary-foreground" : "rounded-bl-md border border-border bg-surface",
            muted && "opacity-70",
          )}
        >
          <MessageText body={body} />
        </div>
        {footer}
      </div>
    </li>
  );
}
