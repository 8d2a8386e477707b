import "server-only";
import type { SupabaseClient } from "@supabase/supabase-js";
import { parseHeaderMenu, type HeaderMenuItem } from "@/lib/cms/header-menu";
import type { Database } from "@/lib/database.types";

export interface SiteSettings {
  allowContactOrganizer: boolean;
  headerMenu: HeaderMenuItem[];
  /** Null while the event has no saved settings (the defaults apply). */
  updatedAt: string | null;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = { allowContactOrganizer: true, headerMenu: [], updatedAt: null };

/**
 * The event site's settings (header menu and OPTIONS), or the defaults when none were saved. Public columns only, so
 * the event site may call it with an anonymous client too.
 */
export async function getSiteSettings(supabase: SupabaseClient<Database>, eventId: string): Promise<SiteSettings> {
  const { data, error } = await supabase
    .from("site_settings")
    .select("allow_contact_organizer, header_menu, updated_at")
    .eq("event_id", eventId)
    .maybeSingle();
  if (error) throw new Error(`could not read the site settings: ${error.message}`);
  if (!data) return DEFAULT_SITE_SETTINGS;
  return { allowContactOrganizer: data.allow_contact_organizer, headerMenu: parseHeaderMenu(data.header_menu), updatedAt: data.updated_at };
}
