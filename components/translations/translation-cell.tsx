"use client";

import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { cn } from "@/components/ui/cn";
import type { Locale } from "@/lib/i18n/settings";
import { formatFull, formatShort } from "@/lib/messaging/format";
import type { TranslationError } from "@/lib/translations/override-rule";
import { OverrideEditor } from "./override-editor";
import type { OverrideState } from "./override-state";

/** One key in one locale: the text in use (override or default), who changed it and when; click or Enter to edit. */
export function TranslationCell({
  id,
  translationKey,
  locale,
  defaultText,
  override,
  editing,
  draft,
  error,
  onEdit,
  onSave,
  onCancel,
  onReset,
}: {
  id: string;
  translationKey: string;
  locale: Locale;
  defaultText: string;
  override: OverrideState | undefined;
  editing: boolean;
  draft: string | null;
  error: TranslationError | null;
  onEdit: () => void;
  onSave: (value: string) => void;
  onCancel: () => void;
  onReset: () => void;
}) {
  const { t, i18n } = useTranslation("translations");
  const language = t(`languageNames.${locale}`);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);

  // Back from the editor, the keyboard continues where it was.
  useEffect(() => {
    if (wasEditing.current && !editing) buttonRef.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (editing) {
    return (
      <OverrideEditor
        id={id}
        label={t("editor.label", { language, key: translationKey })}
        initialValue={draft ?? override?.value ?? defaultText}
        defaultText={defaultText}
        error={error}
        onSave={onSave}
        onCancel={onCancel}
      />
    );
  }

  const date = override?.updatedAt ? new Date(override.updatedAt) : null;
  return (
    <div className="flex items-start gap-2">
      <div className="min-w-0 flex-1">
        <button
          ref={buttonRef}
          type="button"
          onClick={onEdit}
          className={cn(
            "-mx-1.5 -my-1 block w-[calc(100%+0.75rem)] rounded-control px-1.5 py-1 text-left text-sm leading-snug break-words whitespace-pre-wrap",
            "cursor-text transition-colors hover:bg-muted focus-visible:bg-muted",
            override ? "font-medium text-foreground" : "text-foreground/85",
          )}
        >
          {override ? override.value : defaultText}
          {/* Named by its text, then what it does (WCAG 2.5.3: the name starts with what is shown). */}
          <span className="sr-only"> {t("cell.edit", { language, key: translationKey })}</span>
        </button>
        {override ? (
          <p className="mt-1 text-xs leading-snug break-words text-muted-foreground">
            <span className="font-medium">{t("cell.defaultPrefix")}</span> · {defaultText}
          </p>
        ) : null}
        {override && date && !override.pending ? (
          <p className="mt-0.5 text-[11px] text-muted-foreground">
            {t("cell.changedBy", { name: override.updatedBy ?? t("cell.unknownMember") })} ·{" "}
            <time dateTime={override.updatedAt ?? undefined} title={formatFull(date, i18n.language)} suppressHydrationWarning>
              {formatShort(date, i18n.language, { yesterday: t("cell.yesterday") })}
            </time>
          </p>
        ) : null}
      </div>
      {override ? (
        <div className="flex shrink-0 flex-col items-end gap-1">
          <span className="rounded-full bg-primary/10 px-1.5 py-px text-[11px] font-medium text-primary">
            {override.pending ? t("cell.saving") : t("cell.overridden")}
          </span>
          {!override.pending ? (
            <button
              type="button"
              onClick={onReset}
              aria-label={t("cell.resetLabel", { language, key: translationKey })}
              className="rounded px-1 text-xs text-muted-foreground underline-offset-2 hover:text-foreground hover:underline"
            >
              {t("cell.reset")}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
