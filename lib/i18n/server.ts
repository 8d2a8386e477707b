import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { createI18n } from "./instance";
import { resolveLocale } from "./resolve-locale";
import { resources } from "./resources";
import { LOCALE_COOKIE, type Locale, type Namespace } from "./settings";

/** The request's locale: the `locale` cookie, else Accept-Language, else English. */
export const getLocale = cache(async (): Promise<Locale> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
});

// One instance per request and locale (React's cache is per request).
const instanceFor = cache((locale: Locale) => createI18n(locale, resources));

/** `t` bound to a namespace, for Server Components, server actions and route handlers. */
export async function getTranslation<N extends Namespace>(ns: N, locale?: Locale) {
  const lng = locale ?? (await getLocale());
  const i18n = instanceFor(lng);
  return { t: i18n.getFixedT(lng, ns), locale: lng };
}
