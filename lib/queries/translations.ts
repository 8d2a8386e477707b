import "server-only";
import { isLocale, type Locale } from "@/lib/i18n/settings";
import { createClient } from "@/lib/supabase/server";

export interface OverrideRow {
  key: string;
  locale: Locale;
  value: string;
  updatedAt: string;
  /** The display name of who saved it; null when their profile cannot be read (no profile, or no longer in the team). */
  updatedBy: string | null;
}

/**
 * The event's overrides for the translation tool, with who changed each and when. Names come from profiles, which a
 * team member reads for their teammates (RLS), translators included.
 */
export async function getEventOverrides(eventId: string): Promise<OverrideRow[]> {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("translation_overrides")
    .select("key, locale, value, updated_at, updated_by")
    .eq("event_id", eventId)
    .order("key");
  if (error) throw new Error(`could not read the translation overrides: ${error.message}`);
  const userIds = [...new Set(data.flatMap((row) => (row.updated_by ? [row.updated_by] : [])))];
  const names = new Map<string, string>();
  if (userIds.length > 0) {
    const profiles = await supabase.from("profiles").select("user_id, display_name").in("user_id", userIds);
    if (profiles.error) throw new Error(`could not read the updaters' profiles: ${profiles.error.message}`);
    for (const profile of profiles.data) names.set(profile.user_id, profile.display_name);
  }
  return data.flatMap((row) =>
    isLocale(row.locale)
      ? [{ key: row.key, locale: row.locale, value: row.value, updatedAt: row.updated_at, updatedBy: (row.updated_by && names.get(row.updated_by)) ?? null }]
      : [],
  );
}
