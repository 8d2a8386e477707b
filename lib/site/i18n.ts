import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { createI18n } from "@/lib/i18n/instance";
import { pickNamespaces, resources, type LocaleResources } from "@/lib/i18n/resources";
import { isLocale, LOCALE_COOKIE, siteClientNamespaces, type Locale } from "@/lib/i18n/settings";
import { getTranslationOverrides, type SiteEvent } from "@/lib/queries/site";
import type { ResourceTree } from "@/lib/translations/catalog";
import { mergeOverrides } from "@/lib/translations/merge";

/** The event site's locale: the visitor's choice (cookie), else the event's default language. */
export async function getSiteLocale(event: SiteEvent): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(chosen) ? chosen : event.defaultLocale;
}

/**
 * The site's texts for this request: bundled resources with the event's overrides applied to the site namespace
 * (saved overrides show on the next page load, no deploy), the `t` of the site namespace and the texts the
 * client provider needs.
 */
export const getSiteTranslation = cache(async (event: SiteEvent) => {
  const locale = await getSiteLocale(event);
  const overrides = await getTranslationOverrides(event.id, locale);
  // The same merge the translation tool previews with: an override breaking its default's placeholders is ignored.
  const site = mergeOverrides(resources[locale].site as ResourceTree, Object.fromEntries(overrides));
  const localeResources: LocaleResources = { ...resources[locale], site };
  const i18n = createI18n(locale, { ...resources, [locale]: localeResources }, []);
  const t = i18n.getFixedT(locale, "site");
  // The browser gets the site's own namespace only (siteClientNamespaces), overrides included.
  return { t, locale, resources: pickNamespaces(localeResources, siteClientNamespaces) };
});
