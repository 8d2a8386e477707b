"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { sitePath } from "@/lib/routes";
import { createClient } from "@/lib/supabase/server";
import { SLUG_PATTERN } from "./site-sign-in-schema";
import { formOf } from "./form-data";

const schema = z.object({ eventSlug: z.string().regex(SLUG_PATTERN).max(64) });

/** Signs the participant out of this browser and back to the event's home page. */
export async function signOutOfSite(formData: FormData): Promise<void> {
  const form = formOf(formData);
  const parsed = schema.safeParse({ eventSlug: form.get("eventSlug") });
  const supabase = await createClient();
  const { error } = await supabase.auth.signOut({ scope: "local" });
  if (error) console.error("[site auth] sign-out:", error.status, error.code, error.message);
  redirect(parsed.success ? sitePath(parsed.data.eventSlug) : "/");
}
