import { createBrowserClient, type CookieOptions } from "@supabase/ssr";
import type { Database } from "@/lib/database.types";
import { sessionCookieOptions, withSessionLifetime } from "./cookie-options";

export interface SupabasePublicConfig {
  url: string;
  publishableKey: string;
}

// Client components also render on the server, where there is no document: no session there.
function readCookies(): { name: string; value: string }[] {
  if (typeof document === "undefined" || !document.cookie) return [];
  return document.cookie.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    const name = at < 0 ? pair : pair.slice(0, at);
    const raw = at < 0 ? "" : pair.slice(at + 1);
    try {
      return { name, value: decodeURIComponent(raw) };
    } catch {
      return { name, value: raw };
    }
  });
}

function writeCookie(name: string, value: string, options: CookieOptions): void {
  if (typeof document === "undefined") return;
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? "/"}`];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.domain) parts.push(`Domain=${options.domain}`);
  if (options.sameSite) parts.push(`SameSite=${options.sameSite === true ? "Strict" : options.sameSite}`);
  if (options.secure) parts.push("Secure");
  document.cookie = parts.join("; ");
}

/**
 * The browser client; the URL and key come from the root layout (runtime configuration, see lib/env.ts). It writes the
 * session cookies (on each token refresh) with the same attributes and lifetime as the server (cookie-options.ts).
 */
export function createClient({ url, publishableKey }: SupabasePublicConfig) {
  return createBrowserClient<Database>(url, publishableKey, {
    cookieOptions: sessionCookieOptions(typeof location !== "undefined" && location.protocol === "https:"),
    cookies: {
      getAll: readCookies,
      setAll(cookiesToSet) {
        for (const { name, value, options } of cookiesToSet) writeCookie(name, value, withSessionLifetime(options));
      },
    },
  });
}
