"use server";

import { z } from "zod";
import { requireUser } from "@/lib/auth";
import type { SavedView } from "@/lib/participants/grid-page";
import { savedViewDefinitionSchema, type SavedViewDefinition } from "@/lib/participants/grid-state";
import { createClient } from "@/lib/supabase/server";
import { validationFailure } from "./form-errors";
import type { ActionResult, ErrorKey } from "./result";

// Saved views of the participants grid, shared by the event's organizers (RLS: organizers of the event only).

const viewNameSchema = z
  .string()
  .trim()
  .min(1, { error: "errors.viewNameRequired" })
  .max(100, { error: "errors.viewNameTooLong" });
// The definition's own issues (filter operators, values) are not worded for people: one message for all of them.
const definitionSchema = z.unknown().transform((value, context) => {
  const parsed = savedViewDefinitionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  context.addIssue({ code: "custom", message: "errors.invalidView" });
  return z.NEVER;
});

const createSchema = z.object({ eventId: z.uuid(), name: viewNameSchema, definition: definitionSchema });
const updateSchema = z.object({ eventId: z.uuid(), viewId: z.uuid(), definition: definitionSchema });
const renameSchema = z.object({ eventId: z.uuid(), viewId: z.uuid(), name: viewNameSchema });
const deleteSchema = z.object({ eventId: z.uuid(), viewId: z.uuid() });

interface DatabaseError {
  code: string;
}

function viewError(error: DatabaseError): ErrorKey {
  if (error.code === "23505") return "errors.viewNameTaken";
  if (error.code === "PGRST116") return "errors.viewNotFound";
  if (error.code === "42501") return "errors.notAnOrganizer";
  if (error.code === "23514") return "errors.viewNameRequired";
  // Data exceptions: a value the database cannot store (NUL, a lone surrogate).
  if (error.code.startsWith("22")) return "errors.invalidRequest";
  return "errors.unexpected";
}

export async function createParticipantView(input: {
  eventId: string;
  name: string;
  definition: SavedViewDefinition;
}): Promise<ActionResult<SavedView>> {
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  await requireUser();
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("participant_views")
    .insert({ event_id: parsed.data.eventId, name: parsed.data.name, definition: parsed.data.definition })
    .select("id, name, definition")
    .single();
  if (error) return { ok: false, error: viewError(error) };
  return { ok: true, data };
}

/** Changes one saved view of the event (its definition or its name) and returns it as saved. */
async function patchView(
  eventId: string,
  viewId: string,
  patch: { definition: SavedViewDefinition } | { name: string },
): Promise<ActionResult<SavedView>> {
  await requireUser();
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("participant_views")
    .update({ ...patch, updated_at: new Date().toISOString() })
    .eq("id", viewId)
    .eq("event_id", eventId)
    .select("id, name, definition")
    .single();
  if (error) return { ok: false, error: viewError(error) };
  return { ok: true, data };
}

export async function updateParticipantView(input: {
  eventId: string;
  viewId: string;
  definition: SavedViewDefinition;
}): Promise<ActionResult<SavedView>> {
  const parsed = updateSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  return patchView(parsed.data.eventId, parsed.data.viewId, { definition: parsed.data.definition });
}

export async function renameParticipantView(input: { eventId: string; viewId: string; name: string }): Promise<ActionResult<SavedView>> {
  const parsed = renameSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  return patchView(parsed.data.eventId, parsed.data.viewId, { name: parsed.data.name });
}

export async function deleteParticipantView(input: { eventId: string; viewId: string }): Promise<ActionResult> {
  const parsed = deleteSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  await requireUser();
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("participant_views")
    .delete()
    .eq("id", parsed.data.viewId)
    .eq("event_id", parsed.data.eventId)
    .select("id");
  if (error) return { ok: false, error: viewError(error) };
  if (data.length === 0) return { ok: false, error: "errors.viewNotFound" };
  return { ok: true, data: undefined };
}
