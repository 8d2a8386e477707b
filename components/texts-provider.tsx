"use client";

import { createContext, useCallback, useContext, type ReactNode } from "react";
import type { Locale, Namespace } from "@/lib/i18n/settings";
import { translate, type TextKey, type TextTree, type TextValues } from "@/lib/i18n/translate";

interface Texts {
  locale: Locale;
  resources: Partial<Record<Namespace, TextTree>>;
}

const TextsContext = createContext<Texts | null>(null);

/**
 * The texts of the event site's client components (and of the root error page): only the namespaces the layout sends,
 * already merged with the event's overrides. The back-office uses I18nProvider (i18next) instead.
 */
export function TextsProvider({ locale, resources, children }: Texts & { children: ReactNode }) {
  return <TextsContext value={{ locale, resources }}>{children}</TextsContext>;
}

/** `t` over one namespace the nearest TextsProvider sent, and its locale. */
export function useTexts<N extends Namespace>(ns: N): { t: (key: TextKey<N>, values?: TextValues) => string; locale: Locale } {
  const texts = useContext(TextsContext);
  if (!texts) throw new Error("useTexts() must be used inside <TextsProvider>");
  const { locale, resources } = texts;
  const tree = resources[ns];
  const t = useCallback((key: TextKey<N>, values?: TextValues) => (tree ? translate(tree, locale, key, values) : key), [tree, locale]);
  return { t, locale };
}
