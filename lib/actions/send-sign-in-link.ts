"use server";

import { headers } from "next/headers";
import { AUTH_CONFIRM_PATH } from "@/lib/routes";
import { signInLinkSchema } from "@/lib/schemas/auth";
import { createClient } from "@/lib/supabase/server";
import { authErrorKey } from "./auth-error";
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

/** Emails a magic link to an existing back-office account; never creates one. */
export async function sendSignInLink(_previous: ActionResult<{ email: string }> | null, formData: FormData): Promise<ActionResult<{ email: string }>> {
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
  if (error) return { ok: false, error: authErrorKey(error) };
  return { ok: true, data: { email: parsed.data.email } };
}
