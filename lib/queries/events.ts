import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { SupabaseClient } from "@supabase/supabase-js";
import { requireUser } from "@/lib/auth";
import type { Database } from "@/lib/database.types";
import { createClient } from "@/lib/supabase/server";

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

export interface TeamEvent extends MyEvent {
  defaultLocale: string;
}

/**
 * The event of a back-office page, by slug, with the signed-in user's role in its team; null when there is no such
 * event or the user is not in its team (RLS hides both alike). Cached per request: layout and page share one read.
 */
export const getTeamEvent = cache(async (slug: string): Promise<TeamEvent | null> => {
  const user = await requireUser();
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("event_members")
    .select("role, events!inner(id, slug, name, default_locale)")
    .eq("user_id", user.id)
    .eq("events.slug", slug)
    .maybeSingle();
  if (error) throw new Error(`could not read the event: ${error.message}`);
  if (!data) return null;
  const { id, name, default_locale } = data.events;
  return { id, slug: data.events.slug, name, defaultLocale: default_locale, role: data.role === "translator" ? "translator" : "organizer" };
});

/**
 * For a page of one event's back-office: the event, or a 404 when the user is not in its team or lacks the role.
 * Translators only reach the translation tool.
 */
export async function requireTeamEvent(slug: string, roles: readonly TeamRole[] = ["organizer"]): Promise<TeamEvent> {
  const event = await getTeamEvent(slug);
  if (!event || !roles.includes(event.role)) notFound();
  return event;
}
