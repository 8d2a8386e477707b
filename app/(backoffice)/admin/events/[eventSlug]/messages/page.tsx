import type { Metadata } from "next";
import { InboxView } from "@/components/messaging/inbox-view";
import { getTranslation } from "@/lib/i18n/server";
import { getConversationTarget, getParticipantTarget } from "@/lib/queries/conversations";
import { requireTeamEvent } from "@/lib/queries/events";
import { getInboxPage } from "@/lib/queries/inbox";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslation("messaging");
  return { title: t("inbox.title") };
}

type SearchParams = Record<string, string | string[] | undefined>;
const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/**
 * INTERACTIVITY › Participants messages: every conversation of the event, and the one opened (`?thread=<id>`, or
 * `?participant=<id>` for a participant, also one nobody has written to yet).
 */
export default async function InboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ eventSlug: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { eventSlug } = await params;
  const event = await requireTeamEvent(eventSlug);
  const query = await searchParams;
  const filter = { search: single(query.q).slice(0, 200), unreadOnly: single(query.unread) === "1" };
  const threadId = Number(single(query.thread));
  const participantId = single(query.participant);
  const [page, selected, { t }] = await Promise.all([
    getInboxPage(event.id, filter),
    threadId ? getConversationTarget(event.id, threadId) : participantId ? getParticipantTarget(event.id, participantId) : null,
    getTranslation("messaging"),
  ]);
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col px-4 py-6 sm:px-6">
      <header className="mb-4">
        <h1 className="text-xl font-semibold tracking-tight">{t("inbox.title")}</h1>
        <p className="mt-0.5 text-sm text-muted-foreground">{t("inbox.subtitle", { event: event.name })}</p>
      </header>
      <InboxView eventId={event.id} eventSlug={event.slug} initialFilter={filter} initialPage={page} initialSelected={selected} />
    </div>
  );
}
