import type { AuthError } from "@supabase/supabase-js";
import { authRateLimit } from "./auth-rate-limit";
import type { ActionFailure, ErrorKey } from "./result";

const BY_CODE: Record<string, ErrorKey> = {
  invalid_credentials: "errors.invalidCredentials",
  email_not_confirmed: "errors.emailNotConfirmed",
  otp_expired: "errors.linkInvalid",
  flow_state_not_found: "errors.linkInvalid",
  flow_state_expired: "errors.linkInvalid",
  bad_code_verifier: "errors.linkInvalid",
  validation_failed: "errors.invalidEmail",
};

/** The message to show for an Auth error. Unknown errors are logged: they are bugs or outages, not user mistakes. */
export function authErrorKey(error: AuthError): ErrorKey {
  return authFailure(error).error;
}

/** An Auth error as the failed result of a back-office sign-in action (with the wait, for a rate limit). */
export function authFailure(error: AuthError): ActionFailure {
  const limited = authRateLimit(error);
  if (limited) {
    return limited.seconds === null
      ? { ok: false, error: "errors.rateLimited" }
      : { ok: false, error: "errors.rateLimitedFor", values: { seconds: limited.seconds } };
  }
  const known = error.code ? BY_CODE[error.code] : undefined;
  if (known) return { ok: false, error: known };
  // AuthRetryableFetchError: network failure (status 0) or a 5xx from the auth server
  if (error.status === undefined || error.status === 0 || error.status >= 500) {
    console.error("[auth] service unavailable:", error.status, error.message);
    return { ok: false, error: "errors.unavailable" };
  }
  console.error("[auth] unexpected error:", error.status, error.code, error.message);
  return { ok: false, error: "errors.unexpected" };
}
