"use server";

import { z } from "zod";
import { requireUser } from "@/lib/auth";
import { messageBodySchema } from "@/lib/schemas/message";
import { audienceSchema, type Audience } from "@/lib/schemas/participants-query";
import { createClient } from "@/lib/supabase/server";
import { validationFailure } from "./form-errors";
import type { ActionResult, ErrorKey } from "./result";

const sendMessageSchema = z.object({
  eventId: z.uuid(),
  audience: audienceSchema,
  body: messageBodySchema,
  idempotencyKey: z.uuid(),
});

export interface SendMessageInput {
  eventId: string;
  audience: Audience;
  body: string;
  /** One per message pop-in opening, reused on retry: the server sends once per key. */
  idempotencyKey: string;
}

export interface SendMessageResult {
  recipientCount: number;
}

const resultSchema = z.object({ recipient_count: z.number().int() });

// send_broadcast's error codes (its `message`), as the app's translated keys.
const ERRORS: Record<string, ErrorKey> = {
  message_empty: "errors.messageEmpty",
  message_too_long: "errors.messageTooLong",
  not_an_organizer: "errors.notAnOrganizer",
  invalid_audience: "errors.invalidAudience",
  invalid_filters: "errors.invalidAudience",
  invalid_filter_column: "errors.invalidAudience",
  invalid_filter_operator: "errors.invalidAudience",
  invalid_filter_value: "errors.invalidAudience",
  invalid_connected_filter: "errors.invalidAudience",
  invalid_connected_ids: "errors.invalidAudience",
  search_too_long: "errors.invalidAudience",
  idempotency_key_reused: "errors.alreadySentOtherMessage",
};

/** SEND NOW: one message into each recipient's organizer conversation, once per idempotency key (send_broadcast). */
export async function sendMessage(input: SendMessageInput): Promise<ActionResult<SendMessageResult>> {
  const parsed = sendMessageSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  await requireUser();

  const { eventId, audience, body, idempotencyKey } = parsed.data;
  const supabase = await createClient();
  const { data, error } = await supabase.rpc("send_broadcast", {
    target_event_id: eventId,
    body,
    audience,
    idempotency_key: idempotencyKey,
  });
  // 22xxx: a value the database cannot store (NUL, a lone surrogate).
  if (error) return { ok: false, error: ERRORS[error.message] ?? (error.code.startsWith("22") ? "errors.invalidRequest" : "errors.unexpected") };
  const result = resultSchema.safeParse(data);
  if (!result.success) return { ok: false, error: "errors.unexpected" };
  return { ok: true, data: { recipientCount: result.data.recipient_count } };
}
