"use server";

import { z } from "zod";
import { requireUser } from "@/lib/auth";
import type { Tables } from "@/lib/database.types";
import { emailSchema } from "@/lib/schemas/auth";
import { createClient } from "@/lib/supabase/server";
import { validationFailure } from "./form-errors";
import type { ActionResult, ErrorKey } from "./result";

// Editing a participant from the participant window (RLS: organizers of the participant's event; the account link and
// the event are not editable columns).

const nameSchema = z
  .string()
  .trim()
  .min(1, { error: "errors.participantNameRequired" })
  .max(100, { error: "errors.participantNameTooLong" });
const optionalTextSchema = z
  .string()
  .trim()
  .max(200, { error: "errors.participantTextTooLong" })
  .transform((value) => (value === "" ? null : value));

const participantEditSchema = z.object({
  eventId: z.uuid(),
  participantId: z.uuid(),
  first_name: nameSchema,
  last_name: nameSchema,
  email: emailSchema,
  company: optionalTextSchema,
  job_title: optionalTextSchema,
});
export type ParticipantEdit = z.input<typeof participantEditSchema>;

/** The participant's editable details as the database returns them after a save. */
export type EditedParticipant = Pick<Tables<"participants">, "id" | "first_name" | "last_name" | "email" | "company" | "job_title">;

function updateError(code: string): ErrorKey {
  if (code === "23505") return "errors.participantEmailTaken";
  if (code === "PGRST116") return "errors.participantNotFound";
  if (code === "42501") return "errors.notAnOrganizer";
  // Data exceptions: a value the database cannot store (NUL, a lone surrogate).
  if (code.startsWith("22")) return "errors.invalidRequest";
  return "errors.unexpected";
}

export async function updateParticipant(input: ParticipantEdit): Promise<ActionResult<EditedParticipant>> {
  const parsed = participantEditSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  await requireUser();
  const { eventId, participantId, ...fields } = parsed.data;
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("participants")
    .update(fields)
    .eq("event_id", eventId)
    .eq("id", participantId)
    .select("id, first_name, last_name, email, company, job_title")
    .single();
  if (error) return { ok: false, error: updateError(error.code) };
  return { ok: true, data };
}
