"use server";

import { redirect } from "next/navigation";
import { createClient } from "@/lib/supabase/server";
import { SIGN_IN_PATH } from "@/lib/routes";

export async function signOut(): Promise<void> {
  const supabase = await createClient();
  // scope "local": this browser only. A failure (e.g. an already revoked session) still clears the local cookies.
  const { error } = await supabase.auth.signOut({ scope: "local" });
  if (error) console.error("[auth] sign-out:", error.status, error.code, error.message);
  redirect(SIGN_IN_PATH);
}
