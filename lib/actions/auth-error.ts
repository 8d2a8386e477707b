import type { AuthError } from "@supabase/supabase-js";
import type { ErrorKey } from "./result";

const BY_CODE: Record<string, ErrorKey> = {
  invalid_credentials: "errors.invalidCredentials",
  // signInWithOtp({ shouldCreateUser: false }) with an unknown email
  otp_disabled: "errors.unknownEmail",
  user_not_found: "errors.unknownEmail",
  email_not_confirmed: "errors.emailNotConfirmed",
  otp_expired: "errors.linkInvalid",
  flow_state_not_found: "errors.linkInvalid",
  flow_state_expired: "errors.linkInvalid",
  bad_code_verifier: "errors.linkInvalid",
  over_request_rate_limit: "errors.rateLimited",
  over_email_send_rate_limit: "errors.rateLimited",
  validation_failed: "errors.invalidEmail",
};

/** The message to show for an Auth error. Unknown errors are logged: they are bugs or outages, not user mistakes. */
export function authErrorKey(error: AuthError): ErrorKey {
  const known = error.code ? BY_CODE[error.code] : undefined;
  if (known) return known;
  // AuthRetryableFetchError: network failure (status 0) or a 5xx from the auth server
  if (error.status === undefined || error.status === 0 || error.status >= 500) {
    console.error("[auth] service unavailable:", error.status, error.message);
    return "errors.unavailable";
  }
  console.error("[auth] unexpected error:", error.status, error.code, error.message);
  return "errors.unexpected";
}
