import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n-provider";
import { SupabaseProvider } from "@/components/supabase-provider";
import { publicSupabaseConfig } from "@/lib/env";
import { pickNamespaces, resources } from "@/lib/i18n/resources";
import { getLocale } from "@/lib/i18n/server";
import { backofficeClientNamespaces } from "@/lib/i18n/settings";

/** The back-office's client side: the browser Supabase client (Realtime, grid) and i18next with its own namespaces. */
export default async function BackofficeLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <SupabaseProvider config={publicSupabaseConfig()}>
      <I18nProvider locale={locale} resources={pickNamespaces(resources[locale], backofficeClientNamespaces)}>
        {children}
      </I18nProvider>
    </SupabaseProvider>
  );
}
