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
  const { data, error } = await supabase
    .from("translation_overrides")
    .upsert({ event_id: event.id, locale, key, value }, { onConflict: "event_id,locale,key" })
    .select("value, updated_at")
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
