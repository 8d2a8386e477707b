"use server";

import { redirect } from "next/navigation";
import { getSiteEvent } from "@/lib/queries/site";
import { linkParticipantAccount } from "@/lib/site/link-account";
import { siteNextPath } from "@/lib/site/next-path";
import { createClient } from "@/lib/supabase/server";
import { siteAuthFailure } from "./site-auth-errors";
import { siteVerifyCodeSchema, toSiteSignInErrorKey, type SiteSignInResult } from "./site-sign-in-schema";
import { formOf } from "./form-data";

/** Event-site sign-in, step 2: the emailed code opens a session, the account is linked to the participant, then back. */
export async function verifySiteSignInCode(_previous: SiteSignInResult<null> | null, formData: FormData): Promise<SiteSignInResult<null>> {
  const form = formOf(formData);
  const parsed = siteVerifyCodeSchema.safeParse({
    eventSlug: form.get("eventSlug"),
    email: form.get("email"),
    code: form.get("code"),
    next: form.get("next") ?? undefined,
  });
  if (!parsed.success) return { ok: false, error: toSiteSignInErrorKey(parsed.error.issues[0]?.message) };
  const event = await getSiteEvent(parsed.data.eventSlug);
  // The form names its event: no such event means a tampered or stale form.
  if (!event) return { ok: false, error: "signIn.errors.invalidRequest" };

  const supabase = await createClient();
  const { error } = await supabase.auth.verifyOtp({ email: parsed.data.email, token: parsed.data.code, type: "email" });
  if (error) return siteAuthFailure(error);
  const linked = await linkParticipantAccount(supabase, event.id);
  if (!linked.ok) return linked;

  redirect(siteNextPath(event.slug, parsed.data.next));
}
