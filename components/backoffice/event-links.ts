import type { TeamRole } from "@/lib/queries/events";
import { participantsPath, translationsPath } from "@/lib/routes";

/** Where an event's back-office opens for a role: organizers on the participants, translators on the translations. */
export const eventHomePath = (slug: string, role: TeamRole) => (role === "translator" ? translationsPath(slug) : participantsPath(slug));
