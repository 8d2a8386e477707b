"use server";

import { revalidatePath } from "next/cache";
import { getTeamEvent } from "@/lib/queries/events";
import { sitePath } from "@/lib/routes";
import { createClient } from "@/lib/supabase/server";
import { resetOverrideSchema, toTranslationError } from "@/lib/translations/override";
import type { TranslationResult } from "./translations-save";

/** Removes the event's text for one key and locale: the site shows the default again. */
export async function resetTranslationOverride(input: { eventSlug: string; locale: string; key: string }): Promise<TranslationResult<null>> {
  const parsed = resetOverrideSchema.safeParse(input);
  if (!parsed.success) return { ok: false, ...toTranslationError(parsed.error) };
  const { eventSlug, locale, key } = parsed.data;

  const event = await getTeamEvent(eventSlug);
  if (!event) return { ok: false, error: "errors.notAllowed" };
  const supabase = await createClient();
  const { error } = await supabase.from("translation_overrides").delete().eq("event_id", event.id).eq("locale", locale).eq("key", key);
  if (error) {
    console.error("[translations] reset failed:", error.code, error.message);
    return { ok: false, error: "errors.unexpected" };
  }
  revalidatePath(sitePath(event.slug), "layout");
  return { ok: true, data: null };
}
