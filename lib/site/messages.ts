import { isAuthorSide, isRecord, toId } from "@/lib/realtime/site-payloads";

/** A message of the participant's organizer conversation, as the event site shows it. */
export interface SiteMessage {
  id: number;
  authorSide: "organizer" | "participant";
  /** The organizer's current display name (organizer messages only). */
  authorName: string | null;
  body: string;
  clientId: string | null;
  createdAt: string;
}

/** The columns the site reads from conversation_messages. */
export const SITE_MESSAGE_COLUMNS = "id, thread_id, author_side, author_name, body, client_id, created_at";

const optionalString = (value: unknown): value is string | null | undefined => value == null || typeof value === "string";

/**
 * A conversation_messages row or the JSON post_message / contact_organizer return (they share these fields), else
 * null. Checked by hand rather than with zod: this runs in the event site's browser bundle too.
 */
export function parseSiteMessage(row: unknown): (SiteMessage & { threadId: number }) | null {
  if (!isRecord(row)) return null;
  const id = toId(row.id);
  const threadId = toId(row.thread_id);
  const { author_side: authorSide, author_name: authorName, body, client_id: clientId, created_at: createdAt } = row;
  if (id === null || threadId === null || !isAuthorSide(authorSide) || typeof body !== "string" || typeof createdAt !== "string") return null;
  if (!optionalString(authorName) || !optionalString(clientId)) return null;
  return { id, threadId, authorSide, authorName: authorName ?? null, body, clientId: clientId ?? null, createdAt };
}

/** Messages merged by id (the newer copy wins), in id order: notifications, catch-ups and send results agree. */
export function mergeMessages(current: readonly SiteMessage[], incoming: readonly SiteMessage[]): SiteMessage[] {
  if (incoming.length === 0) return current as SiteMessage[];
  const byId = new Map<number, SiteMessage>();
  for (const message of current) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
