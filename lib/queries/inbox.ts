import "server-only";
import { fetchInboxPage, fetchInboxUnreadCount, type InboxFilter } from "@/lib/messaging/inbox";
import { createClient } from "@/lib/supabase/server";

/** The first page of the event's inbox, as the signed-in organizer. */
export async function getInboxPage(eventId: string, filter: InboxFilter) {
  return fetchInboxPage(await createClient(), eventId, filter);
}

/** The navigation badge's first number: conversations with unread participant messages. */
export async function getInboxUnreadCount(eventId: string): Promise<number> {
  return fetchInboxUnreadCount(await createClient(), eventId);
}
