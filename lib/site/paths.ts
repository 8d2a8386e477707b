import { siteMessagesPath } from "@/lib/routes";

/** "Contact the organizer": the participant's organizer conversation, started by their first message if needed. */
export const siteContactPath = (eventSlug: string) => `${siteMessagesPath(eventSlug)}/contact`;

export const siteThreadPath = (eventSlug: string, threadId: number) => `${siteMessagesPath(eventSlug)}/${threadId}`;
