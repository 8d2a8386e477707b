"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ConversationErrorCode } from "@/lib/messaging/conversation";
import { MESSAGE_MAX_LENGTH, messageLength } from "@/lib/schemas/message";

/**
 * The organizer's reply field: Enter sends, Shift+Enter adds a line; a counter against the 4,000-character limit.
 * The text is cleared when the message is handed over (it shows at once in the conversation) and comes back with the
 * error when the server refuses it.
 */
export function ReplyBox({
  participantName,
  disabled,
  onSend,
}: {
  participantName: string;
  disabled: boolean;
  onSend(body: string): Promise<ConversationErrorCode | null>;
}) {
  const { t, i18n } = useTranslation("messaging");
  const id = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<ConversationErrorCode | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const length = messageLength(draft);
  const tooLong = length > MESSAGE_MAX_LENGTH;
  const blank = draft.trim() === "";

  async function submit() {
    if (disabled) return;
    if (blank || tooLong) {
      setError(blank ? "messageEmpty" : "messageTooLong");
      return;
    }
    const body = draft;
    setDraft("");
    setError(null);
    const failure = await onSend(body);
    // Errors a retry cannot fix: the text comes back to the box (unless the user typed something else meanwhile).
    if (failure === "messageEmpty" || failure === "messageTooLong" || failure === "notFound") {
      setDraft((current) => (current === "" ? body : current));
      setError(failure);
    }
    field.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  }

  const number = new Intl.NumberFormat(i18n.language);
  return (
    <form
      className="border-t border-border bg-surface px-4 pt-3 pb-3 sm:px-5"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {t("conversation.replyLabel", { name: participantName })}
      </label>
      <div
        className={cn(
          "flex items-end gap-2 rounded-control border border-border bg-surface p-1.5 shadow-xs",
          "focus-within:border-ring focus-within:ring-3 focus-within:ring-ring/20",
          (tooLong || error) && "border-danger focus-within:border-danger focus-within:ring-danger/15",
        )}
      >
        <textarea
          ref={field}
          id={id}
          rows={2}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
          placeholder={t("conversation.replyPlaceholder")}
          aria-invalid={tooLong || error !== null}
          aria-describedby={`${id}-meta${error ? ` ${id}-error` : ""}`}
          className="max-h-48 min-h-10 flex-1 resize-none bg-transparent px-2 py-1.5 text-sm [field-sizing:content] placeholder:text-muted-foreground/70 focus:outline-none"
        />
        <Button type="submit" size="sm" disabled={disabled || blank || tooLong}>
          {t("conversation.send")}
        </Button>
      </div>
      <div id={`${id}-meta`} className="mt-1.5 flex items-center justify-between gap-3 px-1 text-xs text-muted-foreground">
        <span className="hidden sm:inline">{t("conversation.hint")}</span>
        <span className={cn("ml-auto tabular-nums", tooLong && "font-medium text-danger")} data-testid="reply-counter">
          {t("conversation.counter", { length: number.format(length), max: number.format(MESSAGE_MAX_LENGTH) })}
        </span>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1.5 px-1 text-sm text-danger">
          {t(`conversation.errors.${error}`)}
        </p>
      ) : null}
    </form>
  );
}
