import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { SIGN_IN_PATH } from "@/lib/routes";
import { authConfirmSchema } from "@/lib/schemas/auth";
import { createClient } from "@/lib/supabase/server";

/**
 * Where sign-in links land. Two forms: `?token_hash=&type=` (the SSR email template: verified here, works in any
 * browser) and `?code=` (the default link through the auth server, PKCE: needs the verifier cookie of the browser
 * that asked for the link). Either way, on success the session cookies are set and we go to `next`.
 */
export async function GET(request: NextRequest) {
  const parsed = authConfirmSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  const next = parsed.success ? parsed.data.next : authConfirmSchema.shape.next.parse(undefined);
  let verified = false;

  if (parsed.success) {
    const { token_hash: tokenHash, type, code } = parsed.data;
    const supabase = await createClient();
    if (tokenHash && type) {
      const { error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type });
      if (error) console.error("[auth] link verification failed:", error.code, error.message);
      verified = !error;
    } else if (code) {
      const { error } = await supabase.auth.exchangeCodeForSession(code);
      if (error) console.error("[auth] code exchange failed:", error.code, error.message);
      verified = !error;
    }
  }

  if (verified) redirect(next);
  const signIn = new URL(SIGN_IN_PATH, request.nextUrl.origin);
  signIn.searchParams.set("error", "link");
  signIn.searchParams.set("next", next);
  redirect(`${signIn.pathname}${signIn.search}`);
}
