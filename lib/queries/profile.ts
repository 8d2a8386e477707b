import "server-only";
import { cache } from "react";
import { requireUser } from "@/lib/auth";
import { isLocale, type Locale } from "@/lib/i18n/settings";
import { createClient } from "@/lib/supabase/server";

export interface MyProfile {
  userId: string;
  email: string;
  /** What participants see on this user's messages; falls back to the sign-up name, then the email. */
  displayName: string;
  locale: Locale;
  /** False until the user saves the profile once (no row yet). */
  saved: boolean;
}

/** The signed-in back-office user's profile (RLS: a user reads their own). Cached per request. */
export const getMyProfile = cache(async (): Promise<MyProfile> => {
  const user = await requireUser();
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("profiles")
    .select("display_name, locale")
    .eq("user_id", user.id)
    .maybeSingle();
  if (error) throw new Error(`could not read the profile: ${error.message}`);
  return {
    userId: user.id,
    email: user.email,
    displayName: data?.display_name ?? user.displayName ?? user.email,
    locale: isLocale(data?.locale) ? data.locale : "en",
    saved: data !== null,
  };
});
