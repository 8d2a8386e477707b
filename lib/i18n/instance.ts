import { createInstance, type i18n as I18n, type Module } from "i18next";
import { defaultLocale, defaultNamespace, locales, namespaces, type Locale } from "./settings";
import type { LocaleResources } from "./resources";

// Bidi controls (marks, embeddings, overrides, isolates) and right-to-left letters.
const BIDI_SENSITIVE = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * An interpolated value (a name, an event name) that could reorder the text around it — "Signed in as <U+202E>evil" with a
 * right-to-left override would display the rest of the sentence backwards — is wrapped in FIRST STRONG ISOLATE … POP
 * DIRECTIONAL ISOLATE: it keeps its own direction and the sentence keeps its own. Other values are left as they are.
 */
export const isolateBidi = (value: string): string => (BIDI_SENSITIVE.test(value) ? `\u2068${value}\u2069` : value);

/**
 * A fresh i18next instance for one locale, initialised synchronously (resources are bundled, nothing to load).
 * Server: one per request, with every locale (so a missing key falls back to English). Client: one per provider,
 * with the current locale only.
 */
export function createI18n(
  locale: Locale,
  resourcesByLocale: Partial<Record<Locale, LocaleResources>>,
  plugins: Module[] = [],
): I18n {
  const instance = createInstance();
  for (const plugin of plugins) instance.use(plugin);
  void instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    supportedLngs: [...locales],
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    resources: resourcesByLocale,
    initAsync: false,
    // React escapes what it renders; values only get their bidi direction isolated (see isolateBidi).
    interpolation: { escapeValue: true, escape: isolateBidi },
    returnNull: false,
  });
  return instance;
}
