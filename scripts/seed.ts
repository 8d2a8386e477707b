import { createClient } from "@supabase/supabase-js";
import { DEMO_ORGANIZER } from "./demo.ts";

/**
 * Seeds the demo accounts through the Auth admin API with the secret key (seeding is one of the few places allowed to
 * use it). Idempotent: existing accounts are kept.
 */
export async function seedDemo(supabaseUrl: string, secretKey: string): Promise<void> {
  const admin = createClient(supabaseUrl, secretKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { error } = await admin.auth.admin.createUser({
    email: DEMO_ORGANIZER.email,
    password: DEMO_ORGANIZER.password,
    email_confirm: true,
    user_metadata: { display_name: DEMO_ORGANIZER.displayName },
  });
  if (error && error.code !== "user_already_exists" && error.code !== "email_exists") {
    throw new Error(`could not create the demo organizer: ${error.message}`);
  }
}
