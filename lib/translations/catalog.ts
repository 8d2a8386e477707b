import { resources } from "@/lib/i18n/resources";
import { locales, type Locale } from "@/lib/i18n/settings";

/** The conversation name the product is built around; the site namespace will define it, until then its defaults live here. */
export const ORGANIZER_CONVERSATION_KEY = "companion.trad.discussionthreads.participant.organizer";
const FALLBACK_DEFAULTS: Record<string, Record<Locale, string>> = {
  [ORGANIZER_CONVERSATION_KEY]: { en: "Organizer - {{eventName}}", fr: "Organisateur - {{eventName}}" },
};

/** A nested i18next resource, as the JSON files hold it. */
export interface ResourceTree {
  [key: string]: string | ResourceTree;
}

export interface CatalogEntry {
  key: string;
  defaults: Record<Locale, string>;
}

/** The dotted leaf keys of a resource tree, with their texts. */
export function flatten(tree: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof tree === "string") {
    if (prefix) out.set(prefix, tree);
  } else if (tree && typeof tree === "object") {
    for (const [key, child] of Object.entries(tree)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

/**
 * What the translation tool offers: every text of the event site (the `site` namespace, read from the bundled
 * resources, so a key added there appears here without any list to update), sorted by key.
 */
export function buildCatalog(siteByLocale: Record<Locale, unknown> = { en: resources.en.site, fr: resources.fr.site }): CatalogEntry[] {
  const flat = Object.fromEntries(locales.map((locale) => [locale, flatten(siteByLocale[locale])])) as Record<Locale, Map<string, string>>;
  const keys = new Set<string>([...flat.en.keys(), ...Object.keys(FALLBACK_DEFAULTS)]);
  return [...keys].sort().map((key) => ({
    key,
    defaults: Object.fromEntries(
      locales.map((locale) => [locale, flat[locale].get(key) ?? flat.en.get(key) ?? FALLBACK_DEFAULTS[key]?.[locale] ?? ""]),
    ) as Record<Locale, string>,
  }));
}

let cached: { entries: CatalogEntry[]; byKey: Map<string, CatalogEntry> } | null = null;

function catalog() {
  if (!cached) {
    const entries = buildCatalog();
    cached = { entries, byKey: new Map(entries.map((entry) => [entry.key, entry])) };
  }
  return cached;
}

/** The translatable keys of the event site with their defaults per locale. */
export const translationCatalog = (): readonly CatalogEntry[] => catalog().entries;

/** The default text of a key in a locale, or undefined when the key is not translatable. */
export const defaultText = (key: string, locale: Locale): string | undefined => catalog().byKey.get(key)?.defaults[locale];
