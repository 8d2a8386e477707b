"use client";

import { useTranslation } from "react-i18next";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { locales, type Locale } from "@/lib/i18n/settings";

export type LocaleChoice = "all" | Locale;

/** Search, "Overridden only", the languages shown, and the counts. */
export function TranslationToolbar({
  search,
  onSearch,
  overriddenOnly,
  onOverriddenOnly,
  localeChoice,
  onLocaleChoice,
  shown,
  overridden,
}: {
  search: string;
  onSearch: (value: string) => void;
  overriddenOnly: boolean;
  onOverriddenOnly: (value: boolean) => void;
  localeChoice: LocaleChoice;
  onLocaleChoice: (value: LocaleChoice) => void;
  shown: number;
  overridden: number;
}) {
  const { t } = useTranslation("translations");
  const choices: { value: LocaleChoice; label: string }[] = [
    { value: "all", label: t("toolbar.allLanguages") },
    ...locales.map((locale) => ({ value: locale, label: t(`table.columns.${locale}`) })),
  ];
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2.5">
      <div className="relative w-full sm:w-80">
        <Input
          type="search"
          aria-label={t("toolbar.search")}
          placeholder={t("toolbar.searchPlaceholder")}
          value={search}
          onChange={(event) => onSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape" && search) {
              event.preventDefault();
              onSearch("");
            }
          }}
          className="h-9"
        />
      </div>
      <label className="flex cursor-pointer items-center gap-2 text-sm select-none">
        <input
          type="checkbox"
          checked={overriddenOnly}
          onChange={(event) => onOverriddenOnly(event.target.checked)}
          className="size-4 accent-primary"
        />
        {t("toolbar.overriddenOnly")}
      </label>
      <fieldset className="flex items-center gap-2">
        <legend className="sr-only">{t("toolbar.languages")}</legend>
        <span aria-hidden className="text-sm text-muted-foreground">
          {t("toolbar.languages")}
        </span>
        <div className="inline-flex rounded-control border border-border bg-surface p-0.5 shadow-xs">
          {choices.map((choice) => (
            <label
              key={choice.value}
              className={cn(
                "cursor-pointer rounded-[calc(var(--radius-control)-2px)] px-2.5 py-1 text-xs font-medium transition-colors has-focus-visible:outline-2 has-focus-visible:outline-ring",
                localeChoice === choice.value ? "bg-primary/10 text-primary" : "text-muted-foreground hover:text-foreground",
              )}
            >
              <input
                type="radio"
                name="locale-choice"
                value={choice.value}
                checked={localeChoice === choice.value}
                onChange={() => onLocaleChoice(choice.value)}
                className="sr-only"
              />
              {choice.label}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="ml-auto text-xs text-muted-foreground tabular-nums" aria-live="polite">
        {t("toolbar.count", { count: shown })} · {t("toolbar.overridden", { count: overridden })}
      </p>
    </div>
  );
}
