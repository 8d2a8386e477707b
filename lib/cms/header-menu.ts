import { z } from "zod";
import type cms from "@/lib/i18n/resources/en/cms.json";
import { locales, type Locale } from "@/lib/i18n/settings";
import { sitePath } from "@/lib/routes";

/** An i18n key (cms namespace) of the CMS form's errors. */
export type CmsErrorKey = `errors.${keyof (typeof cms)["errors"]}`;

export const HEADER_MENU_MAX_ITEMS = 12;
export const MENU_LABEL_MAX_LENGTH = 40;
export const MENU_TARGET_MAX_LENGTH = 500;

// A path of the event site, relative to /e/<slug>: `messages`, `program/day-1`; empty is the site's home page.
const SITE_PATH = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;
const isSitePath = (target: string) => SITE_PATH.test(target) && !target.split("/").some((part) => part === "." || part === "..");

function isHttpsUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === "https:" && url.hostname !== "" && !url.username && !url.password;
}

const label = z
  .string()
  .trim()
  .refine((text) => [...text].length <= MENU_LABEL_MAX_LENGTH, { error: "errors.labelTooLong" satisfies CmsErrorKey });

/**
 * One item of the event site's header menu, as `site_settings.header_menu` (a JSON array, in menu order) stores it:
 *
 *     { "id": "k3j9x2", "label": { "en": "Programme", "fr": "Programme" }, "target": "program" }
 *     { "id": "p0q7zz", "label": { "en": "Venue", "fr": "" }, "target": "https://maps.example.com/venue" }
 *
 * - `id`: stable across edits (React key, reordering), unique in the menu.
 * - `label`: one text per locale; at least one is set, and the site falls back to another locale's (headerMenuLabel).
 * - `target`: a path of the event site without its `/e/<slug>/` prefix (`messages`; `""` is the site's home page), or
 *   an external `https://` URL (opened in a new tab). Resolve it with headerMenuHref.
 */
export const headerMenuItemSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,36}$/, { error: "errors.invalid" satisfies CmsErrorKey }),
    label: z.object({ en: label.default(""), fr: label.default("") }),
    target: z
      .string()
      .trim()
      .max(MENU_TARGET_MAX_LENGTH, { error: "errors.targetInvalid" satisfies CmsErrorKey })
      .transform((target) => (/^https:\/\//i.test(target) ? target : target.replace(/^\/+|\/+$/g, "")))
      .refine((target) => target === "" || isHttpsUrl(target) || isSitePath(target), {
        error: "errors.targetInvalid" satisfies CmsErrorKey,
      }),
  })
  .refine((item) => locales.some((locale) => item.label[locale] !== ""), {
    error: "errors.labelRequired" satisfies CmsErrorKey,
    path: ["label"],
  });
export type HeaderMenuItem = z.infer<typeof headerMenuItemSchema>;

export const headerMenuSchema = z
  .array(headerMenuItemSchema)
  .max(HEADER_MENU_MAX_ITEMS, { error: "errors.tooManyItems" satisfies CmsErrorKey })
  .refine((items) => new Set(items.map((item) => item.id)).size === items.length, { error: "errors.invalid" satisfies CmsErrorKey });

/** What the CMS saves: the header menu and its OPTIONS. */
export const siteSettingsSchema = z.object({
  headerMenu: headerMenuSchema,
  allowContactOrganizer: z.boolean({ error: "errors.invalid" satisfies CmsErrorKey }),
});
export type SiteSettingsInput = z.infer<typeof siteSettingsSchema>;

export interface CmsFailure {
  error: CmsErrorKey;
  /** Per item field: `<index>.label`, `<index>.target`. */
  fieldErrors: Record<string, CmsErrorKey>;
}

/** A failed parse of siteSettingsSchema as the form shows it (the editor and the server action agree). */
export function toCmsFailure(error: z.ZodError): CmsFailure {
  const toKey = (message: string): CmsErrorKey => (message.startsWith("errors.") ? (message as CmsErrorKey) : "errors.invalid");
  const fieldErrors: Record<string, CmsErrorKey> = {};
  for (const issue of error.issues) {
    const [group, index, field] = issue.path;
    if (group === "headerMenu" && typeof index === "number" && (field === "label" || field === "target")) {
      fieldErrors[`${index}.${field}`] ??= toKey(issue.message);
    }
  }
  return { error: toKey(error.issues[0]?.message ?? ""), fieldErrors };
}

/** A stored menu for display: items that do not parse (hand-edited rows) are left out rather than breaking the site. */
export function parseHeaderMenu(value: unknown): HeaderMenuItem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = headerMenuItemSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The label of an item in a locale, else in another locale. */
export const headerMenuLabel = (item: HeaderMenuItem, locale: Locale): string =>
  item.label[locale] || locales.map((other) => item.label[other]).find(Boolean) || "";

export const isExternalTarget = (target: string) => /^https:\/\//i.test(target);

/** Where an item leads: the external URL, or the page of the event site. */
export const headerMenuHref = (item: HeaderMenuItem, eventSlug: string): string =>
  isExternalTarget(item.target) ? item.target : item.target ? `${sitePath(eventSlug)}/${item.target}` : sitePath(eventSlug);
