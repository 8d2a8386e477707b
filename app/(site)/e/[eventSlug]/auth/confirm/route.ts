import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { getSiteEvent } from "@/lib/queries/site";
import { siteSignInPath } from "@/lib/routes";
import { linkParticipantAccount } from "@/lib/site/link-account";
import { siteNextPath } from "@/lib/site/next-path";
import { createClient } from "@/lib/supabase/server";

const linkSchema = z.object({
  token_hash: z.string().min(1).max(200).optional(),
  type: z.enum(["magiclink", "email"]).optional(),
  code: z.string().min(1).max(200).optional(),
  next: z.string().optional(),
});

/**
 * Where the event site's emailed sign-in link lands (`?code=` through the auth server, PKCE, same browser; or
 * `?token_hash=&type=`): opens the session, links the account to the participant, then goes back where they were.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ eventSlug: string }> }) {
  const { eventSlug } = await params;
  const event = await getSiteEvent(eventSlug);
  if (!event) return new Response(null, { status: 404 });
  const parsed = linkSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  const next = siteNextPath(event.slug, parsed.success ? parsed.data.next : undefined);
  const failed = (error: "link" | "not-registered") => {
    const target = new URL(siteSignInPath(event.slug), request.nextUrl.origin);
    target.searchParams.set("error", error);
    target.searchParams.set("next", next);
    return redirect(`${target.pathname}${target.search}`);
  };
  if (!parsed.success) return failed("link");

  const supabase = await createClient();
  const { token_hash: tokenHash, type, code } = parsed.data;
  let error: { code?: string; message: string } | null = { message: "no token" };
  if (tokenHash && type) error = (await supabase.auth.verifyOtp({ token_hash: tokenHash, type })).error;
  else if (code) error = (await supabase.auth.exchangeCodeForSession(code)).error;
  if (error) {
    console.error("[site auth] link verification failed:", error.code, error.message);
    return failed("link");
  }
  const linked = await linkParticipantAccount(supabase, event.id);
  if (!linked.ok) return failed(linked.error === "signIn.errors.notRegistered" ? "not-registered" : "link");
  redirect(next);
}
