// Reading and writing one organizer conversation as the signed-in user (RLS and the messaging functions decide what
// they may do). Used by the back-office conversation component, in the browser.
import type { PostgrestError, SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/lib/database.types";

type Client = SupabaseClient<Database>;

export interface ConversationMessage {
  id: number;
  threadId: number;
  side: "organizer" | "participant";
  authorName: string | null;
  body: string;
  broadcastId: number | null;
  clientId: string | null;
  createdAt: string;
}

export interface ConversationThread {
  id: number;
  organizerReadAt: string | null;
}

type MessageRow = Database["public"]["Views"]["conversation_messages"]["Row"];

const MESSAGE_COLUMNS = "id, thread_id, author_side, author_name, body, broadcast_id, client_id, created_at";

/** The message JSON of the messaging functions and the rows of conversation_messages, in one shape. */
export function toMessage(row: Partial<Record<keyof MessageRow, unknown>>): ConversationMessage | null {
  if (typeof row.id !== "number" || typeof row.thread_id !== "number" || typeof row.body !== "string") return null;
  return {
    id: row.id,
    threadId: row.thread_id,
    side: row.author_side === "participant" ? "participant" : "organizer",
    authorName: typeof row.author_name === "string" ? row.author_name : null,
    body: row.body,
    broadcastId: typeof row.broadcast_id === "number" ? row.broadcast_id : null,
    clientId: typeof row.client_id === "string" ? row.client_id : null,
    createdAt: typeof row.created_at === "string" ? row.created_at : new Date().toISOString(),
  };
}

function fail(what: string, error: PostgrestError): never {
  throw new ConversationError(errorCode(error), `${what}: ${error.message}`);
}

/** The participant's organizer thread, or null when nobody has written yet. */
export async function fetchThread(supabase: Client, participantId: string): Promise<ConversationThread | null> {
  const { data, error } = await supabase
    .from("threads")
    .select("id, organizer_read_at")
    .eq("participant_id", participantId)
    .maybeSingle();
  if (error) fail("could not read the conversation", error);
  return data ? { id: data.id, organizerReadAt: data.organizer_read_at } : null;
}

export const PAGE_SIZE = 50;

/** The newest messages (oldest first), or those before `beforeId` (an older page), or all after `afterId` (catch-up). */
export async function fetchMessages(
  supabase: Client,
  threadId: number,
  range: { beforeId?: number; afterId?: number } = {},
): Promise<{ messages: ConversationMessage[]; hasOlder: boolean }> {
  let query = supabase.from("conversation_messages").select(MESSAGE_COLUMNS).eq("thread_id", threadId);
  if (range.afterId !== undefined) {
    const { data, error } = await query.gt("id", range.afterId).order("id", { ascending: true }).limit(1000);
    if (error) fail("could not read the messages", error);
    return { messages: data.map(toMessage).filter((m) => m !== null), hasOlder: false };
  }
  if (range.beforeId !== undefined) query = query.lt("id", range.beforeId);
  const { data, error } = await query.order("id", { ascending: false }).limit(PAGE_SIZE + 1);
  if (error) fail("could not read the messages", error);
  const messages = data.slice(0, PAGE_SIZE).map(toMessage).filter((m) => m !== null).reverse();
  return { messages, hasOlder: data.length > PAGE_SIZE };
}

/** How many participants each broadcast reached (organizers read broadcasts of their events). */
export async function fetchRecipientCounts(supabase: Client, broadcastIds: number[]): Promise<Map<number, number>> {
  if (broadcastIds.length === 0) return new Map();
  const { data, error } = await supabase.from("broadcasts").select("id, recipient_count").in("id", broadcastIds);
  if (error) fail("could not read the broadcasts", error);
  return new Map(data.map((row) => [row.id, row.recipient_count]));
}

/**
 * Sends the organizer's reply: continues the participant's thread or starts it. Idempotent on clientId, so a retry of
 * a send whose answer was lost returns the same message.
 */
export async function sendReply(
  supabase: Client,
  participantId: string,
  body: string,
  clientId: string,
): Promise<ConversationMessage> {
  const { data, error } = await supabase.rpc("start_conversation", {
    target_participant_id: participantId,
    body,
    client_id: clientId,
  });
  if (error) fail("could not send the message", error);
  const message = data && typeof data === "object" && !Array.isArray(data) ? toMessage(data) : null;
  if (!message) throw new ConversationError("unexpected", "the server answered no message");
  return message;
}

export async function markThreadRead(supabase: Client, threadId: number): Promise<void> {
  const { error } = await supabase.rpc("mark_thread_read", { thread_id: threadId });
  if (error) fail("could not mark the conversation read", error);
}

/** What the conversation can tell the user about a failure (keys of messaging.json `conversation.errors`). */
export type ConversationErrorCode = "messageEmpty" | "messageTooLong" | "notFound" | "network" | "unexpected";

export class ConversationError extends Error {
  readonly code: ConversationErrorCode;
  constructor(code: ConversationErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

function errorCode(error: PostgrestError): ConversationErrorCode {
  switch (error.message) {
    case "message_empty":
      return "messageEmpty";
    case "message_too_long":
      return "messageTooLong";
    case "participant_not_found":
    case "thread_not_found":
    case "not_an_organizer":
      return "notFound";
  }
  // supabase-js reports a failed fetch as an error without a SQLSTATE.
  return error.code === "" || /fetch|network/i.test(error.message) ? "network" : "unexpected";
}

export const errorCodeOf = (error: unknown): ConversationErrorCode =>
  error instanceof ConversationError ? error.code : error instanceof TypeError ? "network" : "unexpected";

/** Inserts messages by id, without duplicates; a confirmed message replaces its optimistic copy (same client id). */
export function mergeMessages<T extends { id: number; clientId: string | null }>(current: T[], incoming: T[]): T[] {
  const byId = new Map<number, T>();
  const clientIds = new Set(incoming.map((m) => m.clientId).filter((id) => id !== null));
  for (const message of current) if (!(message.id < 0 && message.clientId && clientIds.has(message.clientId))) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => {
    // Pending messages (negative ids) stay after confirmed ones, in the order they were written.
    if ((a.id < 0) !== (b.id < 0)) return a.id < 0 ? 1 : -1;
    return a.id < 0 ? b.id - a.id : a.id - b.id;
  });
}
