import { z } from "zod";

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

// A conversation_messages row and the JSON post_message / contact_organizer return share these fields.
const messageRowSchema = z.object({
  id: z.coerce.number().int().positive(),
  thread_id: z.coerce.number().int().positive(),
  author_side: z.enum(["organizer", "participant"]),
  author_name: z.string().nullable().optional(),
  body: z.string(),
  client_id: z.string().nullable().optional(),
  created_at: z.string(),
});

export function parseSiteMessage(row: unknown): (SiteMessage & { threadId: number }) | null {
  const parsed = messageRowSchema.safeParse(row);
  if (!parsed.success) return null;
  const m = parsed.data;
  return {
    id: m.id,
    threadId: m.thread_id,
    authorSide: m.author_side,
    authorName: m.author_name ?? null,
    body: m.body,
    clientId: m.client_id ?? null,
    createdAt: m.created_at,
  };
}

/** Messages merged by id (the newer copy wins), in id order: notifications, catch-ups and send results agree. */
export function mergeMessages(current: readonly SiteMessage[], incoming: readonly SiteMessage[]): SiteMessage[] {
  if (incoming.length === 0) return current as SiteMessage[];
  const byId = new Map<number, SiteMessage>();
  for (const message of current) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
