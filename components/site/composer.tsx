"use client";

import { useId, type KeyboardEvent } from "react";
import { useTexts } from "@/components/texts-provider";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { MESSAGE_MAX_LENGTH, messageLength } from "@/lib/schemas/message-length";

/**
 * The reply box: Enter sends, Shift+Enter adds a line; the counter shows the 4,000-character limit (counted like the
 * database: code points), and Send is disabled for an empty or too long message.
 */
export function Composer({ value, onChange, onSend }: { value: string; onChange: (value: string) => void; onSend: () => void }) {
  const { t, locale } = useTexts("site");
  const number = new Intl.NumberFormat(locale);
  const id = useId();
  const length = messageLength(value);
  const tooLong = length > MESSAGE_MAX_LENGTH;
  const canSend = value.trim() !== "" && !tooLong;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) onSend();
  };

  return (
    <form
      className="border-t border-border bg-surface p-3 sm:p-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSend();
      }}
    >
      <label htmlFor={id} className="sr-only">
        {t("composer.label")}
      </label>
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        rows={3}
        placeholder={t("composer.placeholder")}
        aria-invalid={tooLong ? true : undefined}
        aria-describedby={`${id}-counter ${id}-hint`}
        className={cn(
          "block max-h-60 min-h-20 w-full resize-y rounded-control border border-border bg-surface px-3 py-2 text-sm shadow-xs",
          "placeholder:text-muted-foreground/70 focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20 focus-visible:outline-none",
          "aria-invalid:border-danger",
        )}
      />
      <div className="mt-2 flex items-center gap-3">
        <p id={`${id}-hint`} className="hidden min-w-0 flex-1 truncate text-xs text-muted-foreground sm:block">
          {t("composer.hint")}
        </p>
        <p
          id={`${id}-counter`}
          data-testid="composer-counter"
          className={cn("ml-auto text-xs tabular-nums", tooLong ? "font-medium text-danger" : "text-muted-foreground")}
        >
          {t("composer.counter", { length: number.format(length), max: number.format(MESSAGE_MAX_LENGTH) })}
        </p>
        <Button type="submit" size="sm" disabled={!canSend}>
          {t("composer.send")}
        </Button>
      </div>
    </form>
  );
}
