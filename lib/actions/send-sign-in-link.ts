"use server";

import { headers } from "next/headers";
import { AUTH_CONFIRM_PATH } from "@/lib/routes";
import { signInLinkSchema } from "@/lib/schemas/auth";
import { createClient } from "@/lib/supabase/server";
import { authFailure } from "./auth-error";
import { validationFailure } from "./form-errors";
import type { ActionResult } from "./result";
import { formOf } from "./form-data";

/** The origin the browser used, so the link comes back to the same host (the PKCE verifier cookie lives there). */
async function requestOrigin(): Promise<string> {
  const list = await headers();
  const origin = list.get("origin");
  if (origin && origin !== "null") return origin;
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost:3000";
  const protocol = list.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${protocol}://${host}`;
}

// signInWithOtp({ shouldCreateUser: false }) for an address without an account.
const UNKNOWN_ADDRESS_CODES = new Set(["otp_disabled", "user_not_found"]);
/**
 * Every answer takes at least this long: an unknown address is refused by Auth at once, a known one waits for the mail
 * to be queued, and the difference would tell which addresses have an account.
 */
const SIGN_IN_LINK_MIN_ANSWER_MS = 1200;

/**
 * Emails a magic link to an existing back-office account; never creates one. The answer is the same whether the
 * address has an account or not (same result, same minimum delay), so the form cannot be used to list accounts.
 */
export async function sendSignInLink(_previous: ActionResult<{ email: string }> | null, formData: FormData): Promise<ActionResult<{ email: string }>> {
  const started = performance.now();
  const form = formOf(formData);
  const parsed = signInLinkSchema.safeParse({ email: form.get("email"), next: form.get("next") ?? undefined });
  if (!parsed.success) return validationFailure(parsed.error);

  const confirmUrl = new URL(AUTH_CONFIRM_PATH, await requestOrigin());
  confirmUrl.searchParams.set("next", parsed.data.next);
  const supabase = await createClient();
  const { error } = await supabase.auth.signInWithOtp({
    email: parsed.data.email,
    options: { shouldCreateUser: false, emailRedirectTo: confirmUrl.toString() },
  });
  const result: ActionResult<{ email: string }> =
    error && !(error.code && UNKNOWN_ADDRESS_CODES.has(error.code)) ? authFailure(error) : { ok: true, data: { email: parsed.data.email } };
  const rest = SIGN_IN_LINK_MIN_ANSWER_MS - (performance.now() - started);
  if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  return result;
}
