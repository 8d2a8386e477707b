import type { NextRequest } from "next/server";
import { serverEnv } from "@/lib/env";
import { refuseBadActionRequest } from "@/lib/security/action-request";
import { contentSecurityPolicy, newNonce } from "@/lib/security/content-security-policy";
import { isHttpsRequest } from "@/lib/supabase/cookie-options";
import { updateSession } from "@/lib/supabase/proxy";

export async function proxy(request: NextRequest) {
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    supabaseUrl: serverEnv().SUPABASE_URL,
    dev: process.env.NODE_ENV === "development",
    https: isHttpsRequest(request.url, request.headers),
  });
  const refused = await refuseBadActionRequest(request);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const response = refused ?? (await updateSession(request, { "content-security-policy": csp }));
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Every page, route handler and server action; not Next's own endpoints (assets, HMR) nor static files, whose
  // security headers come from next.config.mjs.
  matcher: ["/((?!_next/|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|css|js|map)$).*)"],
};
