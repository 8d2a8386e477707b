"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { requireUser } from "@/lib/auth";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, type Locale } from "@/lib/i18n/settings";
import { createClient } from "@/lib/supabase/server";
import { profileSchema, type ProfileErrorKey } from "./profile-schema";
import { formOf } from "./form-data";

export type ProfileResult =
  | { ok: true; data: { displayName: string; locale: Locale } }
  | { ok: false; error: ProfileErrorKey; fieldErrors?: Partial<Record<"displayName" | "locale", ProfileErrorKey>> };

/**
 * Saves the back-office profile: the display name participants see on this user's messages (past ones too: the
 * conversation view reads it live) and the back-office language, which also becomes this browser's locale.
 */
export async function updateProfile(_previous: ProfileResult | null, formData: FormData): Promise<ProfileResult> {
  const form = formOf(formData);
  const parsed = profileSchema.safeParse({ displayName: form.get("displayName"), locale: form.get("locale") });
  if (!parsed.success) {
    const fieldErrors: Partial<Record<"displayName" | "locale", ProfileErrorKey>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "locale" ? "locale" : "displayName";
      fieldErrors[field] ??= toProfileErrorKey(issue.message);
    }
    return { ok: false, error: toProfileErrorKey(parsed.error.issues[0]?.message), fieldErrors };
  }

  const user = await requireUser();
  const supabase = await createClient();
  const { error } = await supabase
    .from("profiles")
    .upsert(
      { user_id: user.id, display_name: parsed.data.displayName, locale: parsed.data.locale, updated_at: new Date().toISOString() },
      { onConflict: "user_id" },
    );
  if (error) {
    console.error("[profile] update failed:", error.code, error.message);
    return { ok: false, error: "profile.errors.unexpected" };
  }

  const cookieStore = await cookies();
  cookieStore.set(LOCALE_COOKIE, parsed.data.locale, { path: "/", maxAge: LOCALE_COOKIE_MAX_AGE, sameSite: "lax" });
  revalidatePath("/admin", "layout");
  return { ok: true, data: parsed.data };
}

function toProfileErrorKey(message: string | undefined): ProfileErrorKey {
  return message?.startsWith("profile.errors.") ? (message as ProfileErrorKey) : "profile.errors.unexpected";
}
