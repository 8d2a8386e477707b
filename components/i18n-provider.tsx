"use client";

import { useMemo, type ReactNode } from "react";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createI18n } from "@/lib/i18n/instance";
import type { LocaleResources } from "@/lib/i18n/resources";
import type { Locale } from "@/lib/i18n/settings";

/** Gives the back-office's client components `useTranslation()`, with the namespaces its layout sends (current locale). */
export function I18nProvider({ locale, resources, children }: { locale: Locale; resources: Partial<LocaleResources>; children: ReactNode }) {
  const i18n = useMemo(() => createI18n(locale, { [locale]: resources }, [initReactI18next]), [locale, resources]);
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}
