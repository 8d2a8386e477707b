import "server-only";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "@/lib/database.types";

export type TeamRole = "organizer" | "translator";

export interface MyEvent {
  id: string;
  slug: string;
  name: string;
  role: TeamRole;
}

/** The events whose back-office team the user belongs to, by name (RLS: a user reads their own memberships). */
export async function listMyEvents(supabase: SupabaseClient<Database>, userId: string): Promise<MyEvent[]> {
  const { data, error } = await supabase
    .from("event_members")
    .select("role, events!inner(id, slug, name)")
    .eq("user_id", userId);
  if (error) throw new Error(`could not list the user's events: ${error.message}`);
  return data
    .map(({ role, events }) => ({ ...events, role: role === "translator" ? "translator" : "organizer" }) satisfies MyEvent)
    .sort((a, b) => a.name.localeCompare(b.name));
}
