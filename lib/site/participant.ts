import "server-only";
import { redirect } from "next/navigation";
import { getSiteParticipant, requireSiteEvent, type SiteEvent, type SiteParticipant } from "@/lib/queries/site";
import { siteSignInPath } from "@/lib/routes";

/** For a participant-only site page: the event and the signed-in participant, else the site's sign-in (then back here). */
export async function requireSiteParticipant(eventSlug: string, here: string): Promise<{ event: SiteEvent; participant: SiteParticipant }> {
  const event = await requireSiteEvent(eventSlug);
  const participant = await getSiteParticipant(event.id);
  if (!participant) redirect(`${siteSignInPath(event.slug)}?next=${encodeURIComponent(here)}`);
  return { event, participant };
}
