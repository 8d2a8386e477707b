import "server-only";
import { gridPageSchema, type GridPage, type SavedView } from "@/lib/participants/grid-page";
import type { GridQuery } from "@/lib/schemas/participants-query";
import { createClient } from "@/lib/supabase/server";

/** One page of the participants grid, as the signed-in organizer (participants_grid checks the role). */
export async function getParticipantsPage(eventId: string, query: GridQuery): Promise<GridPage> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc("participants_grid", { target_event_id: eventId, query });
  if (error) throw new Error(`could not read the participants grid: ${error.message}`);
  return gridPageSchema.parse(data);
}

/** The event's saved views, by name (RLS: the event's organizers). */
export async function listParticipantViews(eventId: string): Promise<SavedView[]> {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("participant_views")
    .select("id, name, definition")
    .eq("event_id", eventId)
    .order("name");
  if (error) throw new Error(`could not list the saved views: ${error.message}`);
  return data;
}
