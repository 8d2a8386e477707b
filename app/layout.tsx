import type { Metadata } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n-provider";
import { SupabaseProvider } from "@/components/supabase-provider";
import { publicSupabaseConfig } from "@/lib/env";
import { resources } from "@/lib/i18n/resources";
import { getLocale, getTranslation } from "@/lib/i18n/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("common");
  return { title: { default: t("app.name"), template: `%s · ${t("app.name")}` }, description: t("app.description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <SupabaseProvider config={publicSupabaseConfig()}>
          <I18nProvider locale={locale} resources={resources[locale]}>
            {children}
          </I18nProvider>
        </SupabaseProvider>
      </body>
    </html>
  );
}
