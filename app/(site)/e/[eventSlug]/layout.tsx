import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site/site-header";
import { SiteRealtimeProvider } from "@/components/site/site-realtime-provider";
import { TextsProvider } from "@/components/texts-provider";
import { publicSupabaseConfig } from "@/lib/env";
import { getSiteParticipant, getSiteSettings, getUnreadCount, requireSiteEvent } from "@/lib/queries/site";
import { getSiteAccessToken } from "@/lib/site/access-token";
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
  const [unread, accessToken] = participant ? await Promise.all([getUnreadCount(event.id), getSiteAccessToken()]) : [0, null];

  const page = (
    <div lang={locale} className="flex min-h-dvh flex-col">
      <SiteHeader event={event} participant={participant} allowContact={settings.allowContactOrganizer} menu={settings.headerMenu} unread={unread} locale={locale} t={t} />
      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
  return (
    <TextsProvider locale={locale} resources={resources}>
      {participant && accessToken ? (
        <SiteRealtimeProvider eventId={event.id} participantId={participant.id} accessToken={accessToken} {...publicSupabaseConfig()}>
          {page}
        </SiteRealtimeProvider>
      ) : (
        page
      )}
    </TextsProvider>
  );
}
