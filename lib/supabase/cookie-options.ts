import type { CookieOptions } from "@supabase/ssr";

/**
 * How long a browser keeps a session without visiting. Each visit that refreshes the access token (hourly) writes the
 * cookies again, so an active user is never signed out; an abandoned browser is, after a week (not @supabase/ssr's 400
 * days).
 */
export const SESSION_COOKIE_MAX_AGE = 7 * 24 * 60 * 60;

/**
 * The session cookies' attributes. Not httpOnly: the browser client reads the session from them to authorize its
 * private Realtime channels (and refreshes it), so the Content-Security-Policy is what keeps scripts out. SameSite=Lax
 * keeps them off cross-site subrequests and posts; Secure whenever the app is served over HTTPS.
 */
export function sessionCookieOptions(secure: boolean): CookieOptions {
  return { path: "/", sameSite: "lax", httpOnly: false, secure };
}

/** @supabase/ssr always writes 400 days whatever `cookieOptions` say: shorten what it sets, keep its removals (0). */
export function withSessionLifetime(options: CookieOptions): CookieOptions {
  return options.maxAge === 0 ? options : { ...options, maxAge: SESSION_COOKIE_MAX_AGE };
}

/** Whether the browser reached the app over HTTPS, directly or through a TLS-terminating proxy. */
export function isHttpsRequest(url: string, headers: Headers): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : url.startsWith("https:");
}
