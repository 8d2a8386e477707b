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
 * The event's overrides for the translation tool, with who changed each and when. updated_by is not readable through
 * the API (team member ids are the team's business): team_translation_overrides gives the event's team the author's
 * display name, null when they are no longer in the team or have no profile.
 */
export async function getEventOverrides(eventId: string): Promise<OverrideRow[]> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc("team_translation_overrides", { target_event_id: eventId });
  if (error) throw new Error(`could not read the translation overrides: ${error.message}`);
  return data.flatMap((row) =>
    isLocale(row.locale)
      ? [{ key: row.key, locale: row.locale, value: row.value, updatedAt: row.updated_at, updatedBy: row.updated_by_name ?? null }]
      : [],
  );
}
