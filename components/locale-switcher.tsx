import { setLocale } from "@/lib/actions/set-locale";
import { getTranslation } from "@/lib/i18n/server";
import { locales, type Locale } from "@/lib/i18n/settings";
import { cn } from "./ui/cn";

/**
 * The language choice (a cookie). `locale`: the language the page shows, when it is not the request's (the event site
 * falls back to the event's default language).
 */
export async function LocaleSwitcher({ locale: shown }: { locale?: Locale } = {}) {
  const { t, locale } = await getTranslation("common", shown);
  return (
    <form action={setLocale} className="flex h-8 items-stretch rounded-control border border-border bg-surface p-0.5 text-xs shadow-xs">
      <span className="sr-only">{t("language.label")}</span>
      {locales.map((option) => (
        <button
          key={option}
          type="submit"
          name="locale"
          value={option}
          lang={option}
          aria-pressed={option === locale}
          title={t(`language.${option}`)}
          className={cn(
            "rounded-[calc(var(--radius-control)-3px)] px-2 font-medium uppercase tracking-wide transition-colors",
            option === locale ? "bg-muted text-foreground" : "text-muted-foreground hover:text-foreground",
          )}
        >
          {option}
        </button>
      ))}
    </form>
  );
}
