export const locales = ["en", "fr"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

export const namespaces = ["common", "backoffice", "shell", "participants", "messaging", "site", "translations", "cms"] as const;
export type Namespace = (typeof namespaces)[number];
export const defaultNamespace: Namespace = "common";

/** The cookie holding the visitor's chosen locale. */
export const LOCALE_COOKIE = "locale";
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
