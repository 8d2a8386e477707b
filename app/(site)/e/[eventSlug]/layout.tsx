import type { Metadata } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n-provider";
import { SiteHeader } from "@/components/site/site-header";
import { SiteRealtimeProvider } from "@/components/site/site-realtime-provider";
import { getSiteParticipant, getSiteSettings, getUnreadCount, requireSiteEvent } from "@/lib/queries/site";
import { getSiteTranslation } from "@/lib/site/i18n";

type Params = Promise<{ eventSlug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { eventSlug } = await params;
  const event = await requireSiteEvent(eventSlug);
  return { title: { default: event.name, template: `%s · ${event.name}` } };
}

/**
 * The event site: its texts (event language or the visitor's choice, with the event's overrides), its header, and for
 * a signed-in participant the live connection (messages, badge, presence) every page shares.
 */
export default async function SiteLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { eventSlug } = await params;
  const event = await requireSiteEvent(eventSlug);
  const [{ t, locale, resources }, settings, participant] = await Promise.all([
    getSiteTranslation(event),
    getSiteSettings(event.id),
    getSiteParticipant(event.id),
  ]);
  const unread = participant ? await getUnreadCount(event.id) : 0;

  const page = (
    <div lang={locale} className="flex min-h-dvh flex-col">
      <SiteHeader event={event} participant={participant} allowContact={settings.allowContactOrganizer} menu={settings.headerMenu} unread={unread} locale={locale} t={t} />
      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
  return (
    <I18nProvider locale={locale} resources={resources}>
      {participant ? (
        <SiteRealtimeProvider eventId={event.id} participantId={participant.id}>
          {page}
        </SiteRealtimeProvider>
      ) : (
        page
      )}
    </I18nProvider>
  );
}
