import type { AuthError } from "@supabase/supabase-js";

/** What a translated "too many attempts" message can say: how long to wait, when Supabase Auth told. */
export interface RateLimitValues {
  seconds: number;
}

const RATE_LIMIT_CODES = new Set(["over_request_rate_limit", "over_email_send_rate_limit", "over_sms_send_rate_limit"]);

/**
 * Whether Supabase Auth refused for too many requests (its codes, or a bare 429 from a gateway in front of it), and
 * the wait it asked for: "For security purposes, you can only request this after 42 seconds." gives 42. `null` when
 * the error is something else; `{ seconds: null }` when the wait is unknown (or a second, not worth a number).
 */
export function authRateLimit(error: AuthError): { seconds: number | null } | null {
  if (!(error.code && RATE_LIMIT_CODES.has(error.code)) && error.status !== 429) return null;
  const match = /after (\d{1,6}) seconds?/i.exec(error.message);
  const seconds = match ? Number(match[1]) : null;
  return { seconds: seconds !== null && seconds > 1 ? seconds : null };
}
