export const locales = ["en", "fr"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

export const namespaces = ["common", "backoffice", "shell", "participants", "messaging", "site", "translations", "cms"] as const;
export type Namespace = (typeof namespaces)[number];
export const defaultNamespace: Namespace = "common";

/**
 * What each side's client components read, so the only texts a layout sends to the browser (and writes into its HTML):
 * the event site its own namespace (with the event's overrides), the back-office its own, the root (error page) common.
 */
export const siteClientNamespaces = ["site"] as const satisfies readonly Namespace[];
export const backofficeClientNamespaces = ["common", "backoffice", "shell", "participants", "messaging", "translations", "cms"] as const satisfies readonly Namespace[];
export const rootClientNamespaces = ["common"] as const satisfies readonly Namespace[];

/** The cookie holding the visitor's chosen locale. */
export const LOCALE_COOKIE = "locale";
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
