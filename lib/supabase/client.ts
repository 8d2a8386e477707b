import { createBrowserClient } from "@supabase/ssr";
import type { Database } from "@/lib/database.types";

export interface SupabasePublicConfig {
  url: string;
  publishableKey: string;
}

/** The browser client; the URL and key come from the root layout (runtime configuration, see lib/env.ts). */
export function createClient({ url, publishableKey }: SupabasePublicConfig) {
  return createBrowserClient<Database>(url, publishableKey);
}
