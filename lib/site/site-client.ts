import { PostgrestClient } from "@supabase/postgrest-js";
import { RealtimeClient } from "@supabase/realtime-js";
import type { Database } from "@/lib/database.types";

export interface SiteClientConfig {
  url: string;
  publishableKey: string;
  /** The participant's access token, from the server render (see getSiteAccessToken). */
  accessToken: string;
}

export interface SiteClient {
  /** PostgREST as the participant (RLS and the messaging functions decide). */
  rest: PostgrestClient<Database>;
  /** Realtime as the participant (private channels). */
  realtime: RealtimeClient;
  /** A newer token (the server refreshed the session): REST uses it at once, Realtime on its next heartbeat. */
  setAccessToken(token: string): void;
}

/**
 * The event site's browser client: PostgREST and Realtime only, authorized with the access token the server hands
 * over. No auth client in the browser (supabase-js with auth, storage and functions is about 60 kB compressed): the
 * site never signs in or refreshes here; the proxy refreshes the session on each request, and the page asks the server
 * for a fresh token before this one expires (SiteRealtimeProvider). The same URLs and headers as supabase-js.
 */
export function createSiteClient({ url, publishableKey, accessToken }: SiteClientConfig): SiteClient {
  let token = accessToken;
  const rest = new PostgrestClient<Database>(`${url}/rest/v1`, {
    headers: { apikey: publishableKey },
    wrapFetch: (fetch) => (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("Authorization", `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    },
  });
  const realtime = new RealtimeClient(`${url.replace(/^http/, "ws")}/realtime/v1`, {
    params: { apikey: publishableKey },
    // Called on connect and on every heartbeat: channels always join and stay with the newest token.
    accessToken: async () => token,
  });
  return {
    rest,
    realtime,
    setAccessToken(next) {
      if (next === token) return;
      token = next;
      void realtime.setAuth();
    },
  };
}

/** Seconds since the epoch at which a JWT expires (its `exp` claim), or null if it has none. Not a verification. */
export function tokenExpiry(jwt: string): number | null {
  const payload = jwt.split(".")[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    return claims && typeof claims === "object" && "exp" in claims && typeof claims.exp === "number" ? claims.exp : null;
  } catch {
    return null;
  }
}

// The proxy refreshes a session whose token expires within 90 s (auth-js's margin); asking a minute before expiry
// lands inside it, and Realtime picks the new token up at its next heartbeat (25 s), before the old one expires.
export const REFRESH_BEFORE_EXPIRY_MS = 60_000;

/** How long to wait before asking the server for the next token (0: now), or null for a token without expiry. */
export function tokenRefreshDelay(jwt: string, now: number = Date.now()): number | null {
  const expiry = tokenExpiry(jwt);
  return expiry === null ? null : Math.max(expiry * 1000 - REFRESH_BEFORE_EXPIRY_MS - now, 0);
}
