import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { createClient } from "@/lib/supabase/server";
import { SIGN_IN_PATH } from "@/lib/routes";

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string | null;
}

/**
 * The signed-in user, from the verified access-token claims (getClaims, never getSession on the server); otherwise
 * redirects to the back-office sign-in. Cached per request, so layouts, pages and actions may all call it.
 */
export const requireUser = cache(async (): Promise<SignedInUser> => {
  const supabase = await createClient();
  const { data, error } = await supabase.auth.getClaims();
  const claims = data?.claims;
  if (error || !claims?.sub) redirect(SIGN_IN_PATH);
  const displayName = claims.user_metadata?.display_name;
  return {
    id: claims.sub,
    email: claims.email ?? "",
    displayName: typeof displayName === "string" && displayName.trim() !== "" ? displayName : null,
  };
});
