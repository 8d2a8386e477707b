import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Conversation } from "@/components/site/conversation";
import { getOrganizerThread, listThreadMessages, requireSiteEvent } from "@/lib/queries/site";
import { siteMessagesPath } from "@/lib/routes";
import { getSiteTranslation } from "@/lib/site/i18n";
import { requireSiteParticipant } from "@/lib/site/participant";
import { siteThreadPath } from "@/lib/site/paths";

type Params = Promise<{ eventSlug: string; threadId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { eventSlug } = await params;
  const event = await requireSiteEvent(eventSlug);
  const { t } = await getSiteTranslation(event);
  return { title: t("companion.trad.discussionthreads.participant.organizer", { eventName: event.name }) };
}

export default async function SiteThreadPage({ params }: { params: Params }) {
  const { eventSlug, threadId: rawId } = await params;
  if (!/^\d{1,18}$/.test(rawId)) notFound();
  const threadId = Number(rawId);
  const { event, participant } = await requireSiteParticipant(eventSlug, siteThreadPath(eventSlug, threadId));
  const thread = await getOrganizerThread(participant.id);
  if (!thread || thread.id !== threadId) notFound();
  const [{ t, locale }, messages] = await Promise.all([getSiteTranslation(event), listThreadMessages(thread.id)]);

  return (
    <div className="mx-auto max-w-3xl">
      <Link href={siteMessagesPath(event.slug)} className="text-sm text-muted-foreground hover:text-foreground">
        ← {t("messages.back")}
      </Link>
      <div className="mt-3">
        <Conversation
          eventId={event.id}
          eventSlug={event.slug}
          threadId={thread.id}
          title={t("companion.trad.discussionthreads.participant.organizer", { eventName: event.name })}
          initialMessages={messages}
          locale={locale}
        />
      </div>
    </div>
  );
}
