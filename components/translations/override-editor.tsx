"use client";

import { useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/ui/button";
import type { TranslationError } from "@/lib/translations/override-rule";
import { placeholdersOf } from "@/lib/translations/placeholders";

/**
 * The inline editor of one text: Enter saves, Shift+Enter adds a line, Escape cancels. The error (checked here first,
 * then by the server) stays beside the field until the text changes.
 */
export function OverrideEditor({
  id,
  label,
  initialValue,
  defaultText,
  error,
  onSave,
  onCancel,
}: {
  id: string;
  label: string;
  initialValue: string;
  defaultText: string;
  error: TranslationError | null;
  onSave: (value: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("translations");
  const [value, setValue] = useState(initialValue);
  // An error shows until the text changes; a new error (a new object) shows again.
  const [dismissed, setDismissed] = useState<TranslationError | null>(null);
  const shownError = error && error !== dismissed ? error : null;
  const placeholders = placeholdersOf(defaultText);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSave(value);
    }
  };

  return (
    <div className="space-y-1.5">
      <textarea
        aria-label={label}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? `${errorId} ${hintId}` : hintId}
        autoFocus
        rows={Math.min(6, Math.max(2, value.split("\n").length))}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setDismissed(error);
        }}
        onFocus={(event) => event.target.setSelectionRange(event.target.value.length, event.target.value.length)}
        onKeyDown={onKeyDown}
        className="block w-full resize-y rounded-control border border-ring bg-surface px-2.5 py-1.5 text-sm leading-snug shadow-xs ring-3 ring-ring/15 focus-visible:outline-none aria-invalid:border-danger aria-invalid:ring-danger/15"
      />
      {shownError ? (
        <p id={errorId} role="alert" className="text-xs font-medium text-danger">
          {t(shownError.error, { placeholder: shownError.params?.placeholder ?? "", example: shownError.params?.example ?? "" })}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <Button size="sm" onClick={() => onSave(value)}>
          {t("editor.save")}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {t("editor.cancel")}
        </Button>
        {placeholders.length > 0 ? (
          <span className="flex items-center gap-1 text-xs text-muted-foreground">
            {t("editor.keep")}
            {placeholders.map((name) => (
              <code key={name} className="rounded bg-muted px-1 py-px font-mono text-[11px] text-foreground">{`{{${name}}}`}</code>
            ))}
          </span>
        ) : null}
      </div>
      <p id={hintId} className="text-[11px] text-muted-foreground">
        {t("editor.hint")}
      </p>
    </div>
  );
}
