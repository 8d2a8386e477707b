"use server";

import { headers } from "next/headers";
import { getSiteEvent } from "@/lib/queries/site";
import { siteNextPath } from "@/lib/site/next-path";
import { sitePath } from "@/lib/routes";
import { createClient } from "@/lib/supabase/server";
import { siteAuthFailure } from "./site-auth-errors";
import { siteSendCodeSchema, toSiteSignInErrorKey, type SiteSignInResult } from "./site-sign-in-schema";
import { formOf } from "./form-data";

async function requestOrigin(): Promise<string> {
  const list = await headers();
  const origin = list.get("origin");
  if (origin && origin !== "null") return origin;
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost:3000";
  const protocol = list.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${protocol}://${host}`;
}

/**
 * Event-site sign-in, step 1: emails a one-time code (and a link) to an email registered for the event. The auth
 * account of a first-time participant is created here, and only for a registered email (site_sign_in_allowed):
 * an unregistered email gets a clear message and no account.
 */
export async function sendSiteSignInCode(
  _previous: SiteSignInResult<{ email: string }> | null,
  formData: FormData,
): Promise<SiteSignInResult<{ email: string }>> {
  const form = formOf(formData);
  const parsed = siteSendCodeSchema.safeParse({
    eventSlug: form.get("eventSlug"),
    email: form.get("email"),
    next: form.get("next") ?? undefined,
  });
  if (!parsed.success) return { ok: false, error: toSiteSignInErrorKey(parsed.error.issues[0]?.message) };
  const { eventSlug, email } = parsed.data;
  const event = await getSiteEvent(eventSlug);
  // The form names its event: no such event means a tampered or stale form.
  if (!event) return { ok: false, error: "signIn.errors.invalidRequest" };

  const supabase = await createClient();
  const registered = await supabase.rpc("site_sign_in_allowed", { target_event_id: event.id, email });
  if (registered.error) {
    console.error("[site auth] registration check failed:", registered.error.code, registered.error.message);
    return { ok: false, error: "signIn.errors.unavailable" };
  }
  if (!registered.data) return { ok: false, error: "signIn.errors.notRegistered" };

  const confirmUrl = new URL(`${sitePath(event.slug)}/auth/confirm`, await requestOrigin());
  confirmUrl.searchParams.set("next", siteNextPath(event.slug, parsed.data.next));
  const { error } = await supabase.auth.signInWithOtp({
    email,
    options: { shouldCreateUser: true, emailRedirectTo: confirmUrl.toString() },
  });
  if (error) return siteAuthFailure(error);
  return { ok: true, data: { email } };
}
