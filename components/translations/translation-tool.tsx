"use client";

import { useDeferredValue, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { LanguagesIcon } from "@/components/backoffice/icons";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { locales, type Locale } from "@/lib/i18n/settings";
import type { CatalogEntry } from "@/lib/translations/catalog";
import { overrideProblemFor, type TranslationError } from "@/lib/translations/override-rule";
import { TranslationCell } from "./translation-cell";
import { TranslationToolbar, type LocaleChoice } from "./translation-toolbar";
import { cellId, type OverrideState } from "./override-state";
import { useOverrides } from "./use-overrides";

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

interface Editing {
  id: string;
  draft: string | null;
  error: TranslationError | null;
}

/** A dotted key that wraps after its dots rather than anywhere. */
const KeyText = ({ value }: { value: string }) =>
  value.split(".").map((part, index, parts) => (
    <span key={index}>
      {part}
      {index < parts.length - 1 ? (
        <>
          .<wbr />
        </>
      ) : null}
    </span>
  ));

/**
 * The translation tool: every text of the event site with its default and the event's override per locale; search
 * by key or text, "Overridden only", languages shown, inline editing and reset, optimistic.
 */
export function TranslationTool({
  eventSlug,
  entries,
  initialOverrides,
}: {
  eventSlug: string;
  entries: readonly CatalogEntry[];
  initialOverrides: Record<string, OverrideState>;
}) {
  const { t } = useTranslation("translations");
  const { overrides, save, reset } = useOverrides(eventSlug, initialOverrides);
  const [search, setSearch] = useState("");
  const [overriddenOnly, setOverriddenOnly] = useState(false);
  const [localeChoice, setLocaleChoice] = useState<LocaleChoice>("all");
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const deferredSearch = useDeferredValue(search);
  const shownLocales = useMemo<readonly Locale[]>(() => (localeChoice === "all" ? locales : [localeChoice]), [localeChoice]);

  const rows = useMemo(() => {
    const needle = fold(deferredSearch.trim());
    return entries.filter((entry) => {
      const texts = shownLocales.flatMap((locale) => [entry.defaults[locale], overrides[cellId(locale, entry.key)]?.value ?? ""]);
      if (overriddenOnly && !shownLocales.some((locale) => overrides[cellId(locale, entry.key)])) return false;
      return !needle || fold(entry.key).includes(needle) || texts.some((text) => fold(text).includes(needle));
    });
  }, [entries, overrides, deferredSearch, overriddenOnly, shownLocales]);
  const overriddenCount = Object.keys(overrides).length;

  const describe = (locale: Locale, key: string) => ({ language: t(`languageNames.${locale}`), key });

  async function onSave(entry: CatalogEntry, locale: Locale, value: string) {
    const id = cellId(locale, entry.key);
    const current = overrides[id];
    const text = value.trim();
    if (text === (current?.value ?? entry.defaults[locale])) return setEditing(null);
    if (current && text === entry.defaults[locale]) {
      setEditing(null);
      return onReset(entry, locale, current);
    }
    const problem = overrideProblemFor(entry.defaults[locale], text);
    if (problem) return setEditing({ id, draft: value, error: problem });
    setEditing(null);
    setStatus(null);
    const error = await save(locale, entry.key, text, current);
    if (error) setEditing({ id, draft: value, error });
    else setStatus({ tone: "success", text: t("feedback.saved", describe(locale, entry.key)) });
  }

  async function onReset(entry: CatalogEntry, locale: Locale, current: OverrideState) {
    setStatus(null);
    const error = await reset(locale, entry.key, current);
    setStatus(
      error
        ? { tone: "error", text: t(error.error, { placeholder: "", example: "" }) }
        : { tone: "success", text: t("feedback.reset", describe(locale, entry.key)) },
    );
  }

  const clearFilters = () => {
    setSearch("");
    setOverriddenOnly(false);
  };

  return (
    <div className="space-y-3">
      <TranslationToolbar
        search={search}
        onSearch={setSearch}
        overriddenOnly={overriddenOnly}
        onOverriddenOnly={setOverriddenOnly}
        localeChoice={localeChoice}
        onLocaleChoice={setLocaleChoice}
        shown={rows.length}
        overridden={overriddenCount}
      />
      <div aria-live="polite" className="min-h-0">
        {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      </div>
      <Card className="overflow-hidden">
        {rows.length === 0 ? (
          <div className="flex flex-col items-center px-6 py-14 text-center">
            <span aria-hidden className="grid size-10 place-items-center rounded-full bg-muted text-muted-foreground">
              <LanguagesIcon className="size-5" />
            </span>
            {overriddenOnly && overriddenCount === 0 && !search.trim() ? (
              <>
                <p className="mt-3 font-medium">{t("empty.noOverridesTitle")}</p>
                <p className="mt-1 max-w-md text-sm text-muted-foreground">{t("empty.noOverridesBody")}</p>
              </>
            ) : (
              <>
                <p className="mt-3 font-medium">{t("empty.title")}</p>
                <p className="mt-1 max-w-md text-sm text-muted-foreground">{t("empty.body")}</p>
              </>
            )}
            <Button variant="secondary" size="sm" className="mt-4" onClick={clearFilters}>
              {t("empty.clear")}
            </Button>
          </div>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[40rem] table-fixed border-collapse text-sm">
              <caption className="sr-only">{t("table.caption")}</caption>
              <colgroup>
                <col className="w-[30%]" />
                {shownLocales.map((locale) => (
                  <col key={locale} />
                ))}
              </colgroup>
              <thead className="border-b border-border bg-muted/60 text-left text-xs font-semibold text-muted-foreground">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    {t("table.key")}
                  </th>
                  {shownLocales.map((locale) => (
                    <th key={locale} scope="col" lang={locale} className="px-4 py-2">
                      {t(`table.columns.${locale}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {rows.map((entry) => (
                  <tr key={entry.key} className="align-top">
                    <th scope="row" className="px-4 py-3 text-left font-mono text-xs leading-5 font-normal break-words text-muted-foreground">
                      <KeyText value={entry.key} />
                    </th>
                    {shownLocales.map((locale) => {
                      const id = cellId(locale, entry.key);
                      const current = overrides[id];
                      const isEditing = editing?.id === id;
                      return (
                        <td key={locale} lang={locale} className="px-4 py-3">
                          <TranslationCell
                            id={`cell-${locale}-${entry.key.replaceAll(".", "-")}`}
                            translationKey={entry.key}
                            locale={locale}
                            defaultText={entry.defaults[locale]}
                            override={current}
                            editing={isEditing}
                            draft={isEditing ? editing.draft : null}
                            error={isEditing ? editing.error : null}
                            onEdit={() => setEditing({ id, draft: null, error: null })}
                            onCancel={() => setEditing(null)}
                            onSave={(value) => void onSave(entry, locale, value)}
                            onReset={() => current && void onReset(entry, locale, current)}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
