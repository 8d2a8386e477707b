import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TextsProvider } from "@/components/texts-provider";
import { pickNamespaces, resources } from "@/lib/i18n/resources";
import { getLocale, getTranslation } from "@/lib/i18n/server";
import { rootClientNamespaces } from "@/lib/i18n/settings";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("common");
  return { title: { default: t("app.name"), template: `%s · ${t("app.name")}` }, description: t("app.description") };
}

/**
 * Only what every page needs: the error page's texts. The back-office layout adds its Supabase client and i18next, the
 * event site its own texts and live connection, so neither ships the other's code or strings.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        <TextsProvider locale={locale} resources={pickNamespaces(resources[locale], rootClientNamespaces)}>
          {children}
        </TextsProvider>
      </body>
    </html>
  );
}
