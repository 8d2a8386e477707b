import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { Conversation } from "@/components/site/conversation";
import { getOrganizerThread, getSiteSettings, requireSiteEvent } from "@/lib/queries/site";
import { siteMessagesPath } from "@/lib/routes";
import { getSiteTranslation } from "@/lib/site/i18n";
import { requireSiteParticipant } from "@/lib/site/participant";
import { siteContactPath, siteThreadPath } from "@/lib/site/paths";

type Params = Promise<{ eventSlug: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { eventSlug } = await params;
  const { t } = await getSiteTranslation(await requireSiteEvent(eventSlug));
  return { title: t("header.contactOrganizer") };
}

/** "Contact the organizer": the existing organizer conversation, or an empty one that the first message starts. */
export default async function SiteContactPage({ params }: { params: Params }) {
  const { eventSlug } = await params;
  const { event, participant } = await requireSiteParticipant(eventSlug, siteContactPath(eventSlug));
  const [thread, settings, { t, locale }] = await Promise.all([getOrganizerThread(participant.id), getSiteSettings(event.id), getSiteTranslation(event)]);
  if (thread) redirect(siteThreadPath(event.slug, thread.id));
  if (!settings.allowContactOrganizer) notFound();

  return (
    <div className="mx-auto max-w-3xl">
      <Link href={siteMessagesPath(event.slug)} className="text-sm text-muted-foreground hover:text-foreground">
        ← {t("messages.back")}
      </Link>
      <div className="mt-3">
        <Conversation
          eventId={event.id}
          eventSlug={event.slug}
          threadId={null}
          title={t("companion.trad.discussionthreads.participant.organizer", { eventName: event.name })}
          initialMessages={[]}
          locale={locale}
        />
      </div>
    </div>
  );
}
