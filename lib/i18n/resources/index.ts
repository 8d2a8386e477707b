import enBackoffice from "./en/backoffice.json";
import enCms from "./en/cms.json";
import enCommon from "./en/common.json";
import enMessaging from "./en/messaging.json";
import enParticipants from "./en/participants.json";
import enShell from "./en/shell.json";
import enSite from "./en/site.json";
import enTranslations from "./en/translations.json";
import frBackoffice from "./fr/backoffice.json";
import frCms from "./fr/cms.json";
import frCommon from "./fr/common.json";
import frMessaging from "./fr/messaging.json";
import frParticipants from "./fr/participants.json";
import frShell from "./fr/shell.json";
import frSite from "./fr/site.json";
import frTranslations from "./fr/translations.json";
import type { Locale, Namespace } from "../settings";
import type { TextTree } from "../translate";

/**
 * English is the reference: its shape types every `t()` call (lib/i18n/i18next.d.ts).
 * Namespaces: common (both sites), backoffice (sign-in, home, action errors), shell (back-office layout, navigation,
 * profile), participants (grid, views, selection, participant window), messaging (message pop-in, conversations,
 * inbox), site (the event website), translations (the translation tool), cms (the event-site editor).
 */
export const defaultResources = {
  common: enCommon,
  backoffice: enBackoffice,
  shell: enShell,
  participants: enParticipants,
  messaging: enMessaging,
  site: enSite,
  translations: enTranslations,
  cms: enCms,
};
export type DefaultResources = typeof defaultResources;

export type LocaleResources = Record<Namespace, TextTree>;

export const resources: Record<Locale, LocaleResources> = {
  en: defaultResources,
  fr: {
    common: frCommon,
    backoffice: frBackoffice,
    shell: frShell,
    participants: frParticipants,
    messaging: frMessaging,
    site: frSite,
    translations: frTranslations,
    cms: frCms,
  },
};

/** The namespaces of one locale that a layout sends to its client provider (see the *ClientNamespaces in settings.ts). */
export function pickNamespaces<N extends Namespace>(localeResources: LocaleResources, ns: readonly N[]): Pick<LocaleResources, N> {
  return Object.fromEntries(ns.map((name) => [name, localeResources[name]])) as Pick<LocaleResources, N>;
}
