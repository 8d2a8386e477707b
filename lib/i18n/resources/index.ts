import enBackoffice from "./en/backoffice.json";
import enCommon from "./en/common.json";
import frBackoffice from "./fr/backoffice.json";
import frCommon from "./fr/common.json";
import type { Locale, Namespace } from "../settings";

/** English is the reference: its shape types every `t()` call (lib/i18n/i18next.d.ts). */
export const defaultResources = { common: enCommon, backoffice: enBackoffice };
export type DefaultResources = typeof defaultResources;

export type LocaleResources = Record<Namespace, Record<string, unknown>>;

export const resources: Record<Locale, LocaleResources> = {
  en: defaultResources,
  fr: { common: frCommon, backoffice: frBackoffice },
};
