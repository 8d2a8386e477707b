import type { Metadata } from "next";
import { ExternalIcon } from "@/components/backoffice/icons";
import { SiteSettingsEditor } from "@/components/cms/site-settings-editor";
import { buttonClasses } from "@/components/ui/button";
import { getTranslation } from "@/lib/i18n/server";
import { requireTeamEvent } from "@/lib/queries/events";
import { getSiteSettings } from "@/lib/queries/site-settings";
import { sitePath } from "@/lib/routes";
import { createClient } from "@/lib/supabase/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("cms");
  return { title: t("title") };
}

/** The CMS of the event site (organizers only): header menu and its OPTIONS. */
export default async function SiteSettingsPage({ params }: { params: Promise<{ eventSlug: string }> }) {
  const { eventSlug } = await params;
  const event = await requireTeamEvent(eventSlug);
  const [settings, { t }] = await Promise.all([getSiteSettings(await createClient(), event.id), getTranslation("cms")]);
  return (
    <div className="mx-auto max-w-5xl px-4 py-6 sm:px-6 lg:py-8">
      <header className="mb-5 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-0.5 text-sm text-muted-foreground">{t("subtitle", { event: event.name })}</p>
        </div>
        <a href={sitePath(event.slug)} target="_blank" rel="noopener noreferrer" className={buttonClasses({ variant: "secondary", size: "sm" })}>
          <ExternalIcon className="size-3.5" />
          {t("actions.openSite")}
        </a>
      </header>
      <SiteSettingsEditor
        eventSlug={event.slug}
        initialMenu={settings.headerMenu}
        initialAllowContactOrganizer={settings.allowContactOrganizer}
      />
    </div>
  );
}
