// The event site's Realtime payloads, checked by hand: the site's browser bundle does without zod (about 30 kB
// compressed). Anything not matching is dropped, as a failed zod parse was.

export interface MessageNotice {
  threadId: number;
  authorSide: "organizer" | "participant";
  clientId: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A bigint id as the database sends it: a number, or a string of digits. */
export function toId(value: unknown): number | null {
  const id = typeof value === "number" ? value : typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export const isAuthorSide = (value: unknown): value is "organizer" | "participant" => value === "organizer" || value === "participant";

/** `message` on the participant's topic: which thread, written by whom, with which client id. */
export function parseMessageNotice(payload: unknown): MessageNotice | null {
  if (!isRecord(payload)) return null;
  const threadId = toId(payload.thread_id);
  const clientId = payload.client_id ?? null;
  if (threadId === null || !isAuthorSide(payload.author_side) || (clientId !== null && typeof clientId !== "string")) return null;
  return { threadId, authorSide: payload.author_side, clientId };
}

/** `read` on the participant's topic: which thread was marked read. */
export function parseReadNotice(payload: unknown): { threadId: number } | null {
  if (!isRecord(payload)) return null;
  const threadId = toId(payload.thread_id);
  return threadId === null ? null : { threadId };
}

export { isRecord };
