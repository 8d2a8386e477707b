// The organizers' inbox (organizer_inbox) and unread count, with any client signed in as the user: the page's Server
// Component reads the first page, the browser the next ones and the live refreshes.
import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/lib/database.types";
import { participantName } from "@/lib/messaging/format";

type Client = SupabaseClient<Database>;

export const INBOX_PAGE_SIZE = 30;

export interface InboxRow {
  threadId: number;
  participantId: string;
  name: string;
  email: string;
  lastMessageId: number;
  lastMessageAt: string;
  lastMessageSide: "organizer" | "participant";
  preview: string;
  unread: boolean;
}

export interface InboxFilter {
  search: string;
  unreadOnly: boolean;
}

export async function fetchInboxPage(
  supabase: Client,
  eventId: string,
  filter: InboxFilter,
  options: { before?: number; pageSize?: number } = {},
): Promise<{ rows: InboxRow[]; hasMore: boolean }> {
  const pageSize = options.pageSize ?? INBOX_PAGE_SIZE;
  const { data, error } = await supabase.rpc("organizer_inbox", {
    target_event_id: eventId,
    search: filter.search.trim().slice(0, 200),
    unread_only: filter.unreadOnly,
    page_size: pageSize,
    ...(options.before !== undefined ? { before: options.before } : {}),
  });
  if (error) throw new Error(`could not read the inbox: ${error.message}`);
  const rows = data.map(
    (row): InboxRow => ({
      threadId: row.thread_id,
      participantId: row.participant_id,
      name: participantName(row),
      email: row.email,
      lastMessageId: row.last_message_id,
      lastMessageAt: row.last_message_at,
      lastMessageSide: row.last_message_side === "participant" ? "participant" : "organizer",
      // One line, as text.
      preview: row.preview.replace(/\s+/g, " ").trim(),
      unread: row.unread,
    }),
  );
  return { rows, hasMore: rows.length === pageSize };
}

/** Conversations of the event with participant messages no organizer has read (the navigation badge). */
export async function fetchInboxUnreadCount(supabase: Client, eventId: string): Promise<number> {
  const { data, error } = await supabase.rpc("organizer_unread_count", { target_event_id: eventId });
  if (error) throw new Error(`could not count unread conversations: ${error.message}`);
  return data;
}

/**
 * The list after a live refresh of its first page: the fresh rows, then the older rows already loaded that the fresh
 * page does not cover (a conversation that moved up appears once, at its new place).
 */
export function mergeInbox(current: InboxRow[], fresh: InboxRow[], freshIsComplete: boolean): InboxRow[] {
  if (freshIsComplete || fresh.length === 0) return fresh;
  const freshIds = new Set(fresh.map((row) => row.threadId));
  const oldest = fresh[fresh.length - 1].lastMessageId;
  return [...fresh, ...current.filter((row) => !freshIds.has(row.threadId) && row.lastMessageId < oldest)];
}
