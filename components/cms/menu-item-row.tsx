"use client";

import { useTranslation } from "react-i18next";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { isExternalTarget, MENU_LABEL_MAX_LENGTH, MENU_TARGET_MAX_LENGTH, type CmsErrorKey } from "@/lib/cms/header-menu";
import { locales, type Locale } from "@/lib/i18n/settings";
import { sitePath } from "@/lib/routes";

export interface DraftItem {
  id: string;
  label: Record<Locale, string>;
  target: string;
}

const iconButton =
  "grid size-8 place-items-center rounded-control text-muted-foreground transition-colors hover:bg-muted hover:text-foreground disabled:pointer-events-none disabled:opacity-35";

/** One link of the header menu: a label per locale, a target, and its move/remove buttons. */
export function MenuItemRow({
  item,
  index,
  count,
  eventSlug,
  errors,
  onChange,
  onMove,
  onRemove,
  buttonRef,
}: {
  item: DraftItem;
  index: number;
  count: number;
  eventSlug: string;
  errors: { label?: CmsErrorKey; target?: CmsErrorKey };
  onChange: (item: DraftItem) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
  buttonRef: (name: "up" | "down" | "remove", element: HTMLButtonElement | null) => void;
}) {
  const { t } = useTranslation("cms");
  const { t: tc } = useTranslation("common");
  const position = index + 1;
  const base = `menu-item-${item.id}`;
  const target = item.target.trim();
  const hint = !target
    ? t("menu.targetHint", { path: sitePath(eventSlug) })
    : isExternalTarget(target)
      ? t("menu.externalHint")
      : t("menu.targetHint", { path: `${sitePath(eventSlug)}/${target.replace(/^\/+|\/+$/g, "")}` });

  return (
    <li className="flex gap-3 px-4 py-3.5" aria-label={t("menu.item", { position })}>
      <span aria-hidden className="mt-7 grid size-6 shrink-0 place-items-center rounded-full bg-muted text-xs font-semibold text-muted-foreground tabular-nums">
        {position}
      </span>
      <div className="grid min-w-0 flex-1 gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1.3fr]">
        {locales.map((locale) => (
          <div key={locale} className="space-y-1">
            <label htmlFor={`${base}-label-${locale}`} className="block text-xs font-medium text-muted-foreground">
              {t("menu.labelIn", { language: tc(`language.${locale}`) })}
            </label>
            <Input
              id={`${base}-label-${locale}`}
              lang={locale}
              value={item.label[locale]}
              maxLength={MENU_LABEL_MAX_LENGTH}
              onChange={(event) => onChange({ ...item, label: { ...item.label, [locale]: event.target.value } })}
              aria-invalid={errors.label ? true : undefined}
              aria-describedby={errors.label ? `${base}-label-error` : undefined}
              className="h-9"
            />
          </div>
        ))}
        <div className="space-y-1 sm:col-span-2 lg:col-span-1">
          <label htmlFor={`${base}-target`} className="block text-xs font-medium text-muted-foreground">
            {t("menu.target")}
          </label>
          <Input
            id={`${base}-target`}
            value={item.target}
            maxLength={MENU_TARGET_MAX_LENGTH}
            placeholder={t("menu.targetPlaceholder")}
            spellCheck={false}
            autoCapitalize="off"
            onChange={(event) => onChange({ ...item, target: event.target.value })}
            aria-invalid={errors.target ? true : undefined}
            aria-describedby={`${base}-target-${errors.target ? "error" : "hint"}`}
            className="h-9 font-mono text-[13px]"
          />
          {errors.target ? (
            <p id={`${base}-target-error`} className="text-xs text-danger">
              {t(errors.target)}
            </p>
          ) : (
            <p id={`${base}-target-hint`} className="truncate text-xs text-muted-foreground">
              {hint}
            </p>
          )}
        </div>
        {errors.label ? (
          <p id={`${base}-label-error`} className={cn("-mt-2 text-xs text-danger sm:col-span-2")}>
            {t(errors.label)}
          </p>
        ) : null}
      </div>
      <div className="mt-5 flex shrink-0 items-start gap-0.5">
        <button
          ref={(element) => buttonRef("up", element)}
          type="button"
          className={iconButton}
          onClick={() => onMove(-1)}
          disabled={index === 0}
          aria-label={t("menu.moveUp", { position })}
        >
          <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
            <path d="m6 15 6-6 6 6" />
          </svg>
        </button>
        <button
          ref={(element) => buttonRef("down", element)}
          type="button"
          className={iconButton}
          onClick={() => onMove(1)}
          disabled={index === count - 1}
          aria-label={t("menu.moveDown", { position })}
        >
          <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden>
            <path d="m6 9 6 6 6-6" />
          </svg>
        </button>
        <button
          ref={(element) => buttonRef("remove", element)}
          type="button"
          className={cn(iconButton, "hover:bg-danger-soft hover:text-danger")}
          onClick={onRemove}
          aria-label={t("menu.remove", { position })}
        >
          <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" aria-hidden>
            <path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3" />
          </svg>
        </button>
      </div>
    </li>
  );
}
