"use server";

import { revalidatePath } from "next/cache";
import { getTeamEvent } from "@/lib/queries/events";
import { getMyProfile } from "@/lib/queries/profile";
import { sitePath } from "@/lib/routes";
import { createClient } from "@/lib/supabase/server";
import { saveOverrideSchema, toTranslationError, type TranslationError } from "@/lib/translations/override";

export type TranslationResult<T> = ({ ok: true; data: T }) | ({ ok: false } & TranslationError);

export interface SavedOverride {
  value: string;
  updatedAt: string;
  updatedBy: string;
}

/**
 * Saves the event's text for one key and locale (organizers and translators of the event). The event site reads
 * overrides on every request, so the text shows there at the next page load.
 */
export async function saveTranslationOverride(input: {
  eventSlug: string;
  locale: string;
  key: string;
  value: string;
}): Promise<TranslationResult<SavedOverride>> {
  const parsed = saveOverrideSchema.safeParse(input);
  if (!parsed.success) return { ok: false, ...toTranslationError(parsed.error) };
  const { eventSlug, locale, key, value } = parsed.data;

  const event = await getTeamEvent(eventSlug);
  if (!event) return { ok: false, error: "errors.notAllowed" };
  const supabase = await createClient();
  // Written, then read: an upsert returning its row reads the whole row (the API's "was it inserted" test reads a
  // system column), and signed-in users may read only some columns of translation_overrides (not updated_by).
  const saved = await supabase
    .from("translation_overrides")
    .upsert({ event_id: event.id, locale, key, value }, { onConflict: "event_id,locale,key" });
  const { data, error } = saved.error
    ? { data: null, error: saved.error }
    : await supabase
        .from("translation_overrides")
        .select("value, updated_at")
        .eq("event_id", event.id)
        .eq("locale", locale)
        .eq("key", key)
        .single();
  if (error) {
    console.error("[translations] save failed:", error.code, error.message);
    // 22xxx: a value the database cannot store (NUL, a lone surrogate) is invalid input, not a server failure.
    return { ok: false, error: error.code === "42501" ? "errors.notAllowed" : error.code.startsWith("22") ? "errors.invalid" : "errors.unexpected" };
  }
  const profile = await getMyProfile();
  revalidatePath(sitePath(event.slug), "layout");
  return { ok: true, data: { value: data.value, updatedAt: data.updated_at, updatedBy: profile.displayName } };
}
