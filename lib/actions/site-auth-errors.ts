import type { AuthError } from "@supabase/supabase-js";
import { authRateLimit } from "./auth-rate-limit";
import type { SiteSignInErrorKey, SiteSignInFailure } from "./site-sign-in-schema";

/** The event-site message for an Auth error; unknown ones are logged (bugs or outages, not user mistakes). */
export function siteAuthErrorKey(error: AuthError): SiteSignInErrorKey {
  return siteAuthFailure(error).error;
}

/** An Auth error as the failed result of an event-site sign-in action (with the wait, for a rate limit). */
export function siteAuthFailure(error: AuthError): SiteSignInFailure {
  const limited = authRateLimit(error);
  if (limited) {
    return limited.seconds === null
      ? { ok: false, error: "signIn.errors.rateLimited" }
      : { ok: false, error: "signIn.errors.rateLimitedFor", values: { seconds: limited.seconds } };
  }
  switch (error.code) {
    case "otp_expired":
      return { ok: false, error: "signIn.errors.codeRejected" };
    case "validation_failed":
    case "email_address_invalid":
      return { ok: false, error: "signIn.errors.invalidEmail" };
  }
  if (error.status === undefined || error.status === 0 || error.status >= 500) {
    console.error("[site auth] service unavailable:", error.status, error.message);
    return { ok: false, error: "signIn.errors.unavailable" };
  }
  console.error("[site auth] unexpected error:", error.status, error.code, error.message);
  return { ok: false, error: "signIn.errors.unexpected" };
}
