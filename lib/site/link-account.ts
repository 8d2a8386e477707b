import "server-only";
import type { SupabaseClient } from "@supabase/supabase-js";
import type { SiteSignInErrorKey } from "@/lib/actions/site-sign-in-schema";
import type { Database } from "@/lib/database.types";

/**
 * Links the just-signed-in account to its participant record (first sign-in; later ones return the same id). An
 * account whose email is not registered for the event is signed out again: it must not stay signed in on the site.
 */
export async function linkParticipantAccount(
  supabase: SupabaseClient<Database>,
  eventId: string,
): Promise<{ ok: true; data: null } | { ok: false; error: SiteSignInErrorKey }> {
  const { error } = await supabase.rpc("link_participant_account", { target_event_id: eventId });
  if (!error) return { ok: true, data: null };
  await supabase.auth.signOut({ scope: "local" });
  if (error.message === "not_registered") return { ok: false, error: "signIn.errors.notRegistered" };
  console.error("[site auth] account link failed:", error.code, error.message);
  return { ok: false, error: "signIn.errors.unexpected" };
}
