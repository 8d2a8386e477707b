"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { siteSettingsSchema, toCmsFailure, type CmsErrorKey, type SiteSettingsInput } from "@/lib/cms/header-menu";
import { getTeamEvent } from "@/lib/queries/events";
import { siteAdminPath, sitePath } from "@/lib/routes";
import { createClient } from "@/lib/supabase/server";
import { SLUG_PATTERN } from "./site-sign-in-schema";

export type CmsResult =
  | { ok: true; data: SiteSettingsInput & { updatedAt: string } }
  | { ok: false; error: CmsErrorKey; fieldErrors?: Record<string, CmsErrorKey> };

// The slug as events.slug allows it: anything else (NUL, lone surrogates) could not even be looked up.
const inputSchema = siteSettingsSchema.extend({ eventSlug: z.string().regex(SLUG_PATTERN).max(64) });

/**
 * Saves the event site's header menu and OPTIONS (organizers only; RLS refuses anyone else too). The site reads them
 * on every request, so they take effect at once.
 */
export async function saveSiteSettings(input: {
  eventSlug: string;
  headerMenu: unknown;
  allowContactOrganizer: unknown;
}): Promise<CmsResult> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, ...toCmsFailure(parsed.error) };
  const { eventSlug, headerMenu, allowContactOrganizer } = parsed.data;

  const event = await getTeamEvent(eventSlug);
  if (!event || event.role !== "organizer") return { ok: false, error: "errors.notAllowed" };
  const supabase = await createClient();
  // Written, then read: an upsert returning its row reads the whole row (the API's "was it inserted" test reads a
  // system column), and signed-in users may read only some columns of site_settings (not updated_by).
  const saved = await supabase
    .from("site_settings")
    .upsert({ event_id: event.id, header_menu: headerMenu, allow_contact_organizer: allowContactOrganizer }, { onConflict: "event_id" });
  const { data, error } = saved.error
    ? { data: null, error: saved.error }
    : await supabase.from("site_settings").select("updated_at").eq("event_id", event.id).single();
  if (error) {
    console.error("[cms] save failed:", error.code, error.message);
    // 22xxx: a value the database cannot store (NUL, a lone surrogate) is invalid input, not a server failure.
    return { ok: false, error: error.code === "42501" ? "errors.notAllowed" : error.code.startsWith("22") ? "errors.invalid" : "errors.unexpected" };
  }
  revalidatePath(sitePath(event.slug), "layout");
  revalidatePath(siteAdminPath(event.slug));
  return { ok: true, data: { headerMenu, allowContactOrganizer, updatedAt: data.updated_at } };
}
