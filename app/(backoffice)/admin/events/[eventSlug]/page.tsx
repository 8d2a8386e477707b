import { redirect } from "next/navigation";
import { eventHomePath } from "@/components/backoffice/event-links";
import { requireTeamEvent } from "@/lib/queries/events";

/** /admin/events/<slug> opens the event's first page for the user's role. */
export default async function EventHomePage({ params }: { params: Promise<{ eventSlug: string }> }) {
  const { eventSlug } = await params;
  const event = await requireTeamEvent(eventSlug, ["organizer", "translator"]);
  redirect(eventHomePath(event.slug, event.role));
}
