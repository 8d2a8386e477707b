import { createInstance, type i18n as I18n, type Module } from "i18next";
import { defaultLocale, defaultNamespace, locales, namespaces, type Locale } from "./settings";
import type { LocaleResources } from "./resources";
import { isolateBidi } from "./bidi";

export { isolateBidi };

/**
 * A fresh i18next instance for one locale, initialised synchronously (resources are bundled, nothing to load).
 * Server: one per request, with every locale (so a missing key falls back to English). Client: one per provider,
 * with the current locale only.
 */
export function createI18n(
  locale: Locale,
  resourcesByLocale: Partial<Record<Locale, Partial<LocaleResources>>>,
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
