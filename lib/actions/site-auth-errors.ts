import type { AuthError } from "@supabase/supabase-js";
import type { SiteSignInErrorKey } from "./site-sign-in-schema";

/** The event-site message for an Auth error; unknown ones are logged (bugs or outages, not user mistakes). */
export function siteAuthErrorKey(error: AuthError): SiteSignInErrorKey {
  switch (error.code) {
    case "otp_expired":
      return "signIn.errors.codeRejected";
    case "over_request_rate_limit":
    case "over_email_send_rate_limit":
      return "signIn.errors.rateLimited";
    case "validation_failed":
    case "email_address_invalid":
      return "signIn.errors.invalidEmail";
  }
  if (error.status === undefined || error.status === 0 || error.status >= 500) {
    console.error("[site auth] service unavailable:", error.status, error.message);
    return "signIn.errors.unavailable";
  }
  console.error("[site auth] unexpected error:", error.status, error.code, error.message);
  return "signIn.errors.unexpected";
}
