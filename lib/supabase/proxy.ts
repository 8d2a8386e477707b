import { createServerClient } from "@supabase/ssr";
import { NextResponse, type NextRequest } from "next/server";
import type { Database } from "@/lib/database.types";
import { serverEnv } from "@/lib/env";
import { ADMIN_HOME_PATH, SIGN_IN_PATH } from "@/lib/routes";
import { isHttpsRequest, sessionCookieOptions, withSessionLifetime } from "./cookie-options";

/** Back-office pages an anonymous visitor may open. */
function isPublicAdminPath(pathname: string): boolean {
  return pathname === SIGN_IN_PATH || pathname.startsWith(`${SIGN_IN_PATH}/`);
}

function needsSignIn(pathname: string): boolean {
  return (pathname === ADMIN_HOME_PATH || pathname.startsWith(`${ADMIN_HOME_PATH}/`)) && !isPublicAdminPath(pathname);
}

/**
 * Refreshes the Supabase session on every request and passes the refreshed cookies both to the rendering below (the
 * request) and to the browser (the response). Redirects anonymous visitors of the back-office to the sign-in page.
 * `requestHeaders` are added to what the rendering sees (the Content-Security-Policy that carries the nonce).
 */
export async function updateSession(request: NextRequest, requestHeaders: Record<string, string> = {}): Promise<NextResponse> {
  const env = serverEnv();
  // Built when called, so it carries the cookies setAll wrote into the request.
  const next = () => {
    const headers = new Headers(request.headers);
    for (const [key, value] of Object.entries(requestHeaders)) headers.set(key, value);
    return NextResponse.next({ request: { headers } });
  };
  let response = next();
  let cacheHeaders: Record<string, string> = {};

  const supabase = createServerClient<Database>(env.SUPABASE_URL, env.SUPABASE_PUBLISHABLE_KEY, {
    cookieOptions: sessionCookieOptions(isHttpsRequest(request.url, request.headers)),
    cookies: {
      getAll() {
        return request.cookies.getAll();
      },
      setAll(cookiesToSet, headers) {
        for (const { name, value } of cookiesToSet) request.cookies.set(name, value);
        response = next();
        for (const { name, value, options } of cookiesToSet) response.cookies.set(name, value, withSessionLifetime(options));
        cacheHeaders = { ...cacheHeaders, ...headers };
        for (const [key, value] of Object.entries(cacheHeaders)) response.headers.set(key, value);
      },
    },
  });

  // Nothing may run between creating the client and getClaims(): this call is what refreshes an expiring session.
  const { data } = await supabase.auth.getClaims();
  const signedIn = Boolean(data?.claims.sub);

  if (!signedIn && needsSignIn(request.nextUrl.pathname)) {
    const target = request.nextUrl.clone();
    target.pathname = SIGN_IN_PATH;
    target.search = "";
    target.searchParams.set("next", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    const redirect = NextResponse.redirect(target);
    // Keep what getClaims() wrote (for example the cleared cookies of a revoked session).
    for (const cookie of response.cookies.getAll()) redirect.cookies.set(cookie);
    for (const [key, value] of Object.entries(cacheHeaders)) redirect.headers.set(key, value);
    return redirect;
  }
  return response;
}
