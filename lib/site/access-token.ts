import "server-only";
import { cache } from "react";
import { createClient } from "@/lib/supabase/server";

/**
 * The signed-in visitor's access token, handed back to their own browser for the site client (Realtime authorization
 * and PostgREST as them). Nothing here trusts it: who the visitor is comes from getClaims() (getSiteParticipant). It is
 * read from the cookies the proxy refreshed for this request, so it stays valid for most of its lifetime.
 */
export const getSiteAccessToken = cache(async (): Promise<string | null> => {
  const supabase = await createClient();
  const { data } = await supabase.auth.getSession();
  return data.session?.access_token ?? null;
});
