import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "../../lib/database.types.ts";
import { e2eStack, e2eStackSecrets } from "./stack.ts";

/**
 * The service-role client of the e2e run's throw-away stack (scripts/e2e-server.ts writes its key): for specs that plant
 * data the app's own forms would refuse (hostile names, hand-written rows) or create accounts. Never used by the app.
 */
export function e2eAdmin(): SupabaseClient<Database> {
  const { supabaseUrl } = e2eStack(); // refuses a stack that is not on this machine
  const secretKey = process.env.E2E_SUPABASE_SECRET_KEY ?? e2eStackSecrets().secretKey;
  return createClient<Database>(supabaseUrl, secretKey, { auth: { persistSession: false, autoRefreshToken: false } });
}

/** Creates a confirmed account with a password (or finds it: specs may run twice against one stack); returns its id. */
export async function ensureAccount(admin: SupabaseClient<Database>, email: string, password: string): Promise<string> {
  const created = await admin.auth.admin.createUser({ email, password, email_confirm: true });
  if (created.data.user) return created.data.user.id;
  const { data, error } = await admin.auth.admin.listUsers({ page: 1, perPage: 1000 });
  if (error) throw error;
  const user = data.users.find((candidate) => candidate.email === email);
  if (!user) throw new Error(`could not create ${email}: ${created.error?.message ?? "unknown error"}`);
  return user.id;
}

/**
 * A Node supabase-js client signed in as `email` the way a participant signs in to the event site: through a one-time
 * link sent to the address, so the session proves the email (amr magiclink) — participant rights need that; a password
 * session has none. The admin API makes the link without sending mail (no mail rate limit), and verifying its token
 * hash starts the session.
 */
export async function emailProvenClient(email: string): Promise<SupabaseClient<Database>> {
  const { data, error } = await e2eAdmin().auth.admin.generateLink({ type: "magiclink", email });
  if (error) throw new Error(`could not make a sign-in link for ${email}: ${error.message}`);
  const { supabaseUrl, publishableKey } = e2eStack();
  const client = createClient<Database>(supabaseUrl, publishableKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const verified = await client.auth.verifyOtp({ token_hash: data.properties.hashed_token, type: "magiclink" });
  if (verified.error) throw new Error(`could not sign in as ${email} with the link: ${verified.error.message}`);
  return client;
}
