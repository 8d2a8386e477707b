import "server-only";
import { createServerClient } from "@supabase/ssr";
import { cookies, headers } from "next/headers";
import type { Database } from "@/lib/database.types";
import { serverEnv } from "@/lib/env";
import { isHttpsRequest, sessionCookieOptions, withSessionLifetime } from "./cookie-options";

/** A server client over this request's cookies. Create one per request, never share it. */
export async function createClient() {
  const cookieStore = await cookies();
  const requestHeaders = await headers();
  const env = serverEnv();
  return createServerClient<Database>(env.SUPABASE_URL, env.SUPABASE_PUBLISHABLE_KEY, {
    cookieOptions: sessionCookieOptions(isHttpsRequest("", requestHeaders)),
    cookies: {
      getAll() {
        return cookieStore.getAll();
      },
      setAll(cookiesToSet) {
        try {
          for (const { name, value, options } of cookiesToSet) cookieStore.set(name, value, withSessionLifetime(options));
        } catch {
          // Server Components cannot set cookies. The proxy has already refreshed the session for this request and
          // wrote the cookies to the response, so nothing is lost here.
        }
      },
    },
  });
}
