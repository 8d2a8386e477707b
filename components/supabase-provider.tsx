"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createClient, type SupabasePublicConfig } from "@/lib/supabase/client";
import "@/lib/zod-browser";

const SupabaseConfigContext = createContext<SupabasePublicConfig | null>(null);

/** Hands the runtime Supabase URL and publishable key (read by the root layout) to client components. */
export function SupabaseProvider({ config, children }: { config: SupabasePublicConfig; children: ReactNode }) {
  return <SupabaseConfigContext value={config}>{children}</SupabaseConfigContext>;
}

/** The browser Supabase client (one per page: @supabase/ssr keeps a singleton in the browser). */
export function useSupabase() {
  const config = useContext(SupabaseConfigContext);
  if (!config) throw new Error("useSupabase() must be used inside <SupabaseProvider>");
  return useMemo(() => createClient(config), [config]);
}
