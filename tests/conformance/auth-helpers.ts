import { createClient, type SupabaseClient, type SupabaseClientOptions } from "@supabase/supabase-js";
import pg from "pg";
import type { Mail } from "../../supabase/local/mailbox.ts";
import type { TestStack } from "../../supabase/local/testing.ts";

type AuthOptions = NonNullable<SupabaseClientOptions<"public">["auth"]>;

/** The real supabase-js client as apps create it, without storage or background refresh. */
export function userClient(stack: TestStack, options: { key?: string; auth?: AuthOptions; fetch?: typeof fetch } = {}): SupabaseClient {
  return createClient(stack.url, options.key ?? stack.keys.publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false, ...options.auth },
    ...(options.fetch ? { global: { fetch: options.fetch } } : {}),
  });
}

export function adminClient(stack: TestStack, key = stack.keys.secretKey): SupabaseClient {
  return createClient(stack.url, key, { auth: { persistSession: false, autoRefreshToken: false } });
}

let counter = 0;
export const newEmail = (label = "user") => `${label}-${Date.now().toString(36)}-${++counter}@Example.com`;

/** The newest mail to `email` in the local mailbox (what the dev page shows). */
export function lastMail(stack: TestStack, email: string): Mail {
  const mail = stack.mailbox.list(email)[0];
  if (!mail) throw new Error(`no mail for ${email}`);
  return mail;
}

/** Direct SQL as the superuser, to age tokens past their windows. */
export async function sql(stack: TestStack, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A raw call to the auth API with the publishable key, for what the client hides (statuses, headers, redirects). */
export function authFetch(stack: TestStack, path: string, init: RequestInit & { bearer?: string; apikey?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.apikey !== null) headers.set("apikey", init.apikey ?? stack.keys.publishableKey);
  if (init.bearer) headers.set("authorization", `Bearer ${init.bearer}`);
  if (init.body) headers.set("content-type", "application/json");
  headers.set("x-supabase-api-version", "2024-01-01");
  return fetch(`${stack.url}/auth/v1${path}`, { ...init, headers });
}

/**
 * A user signed up through the official flow with config.toml's confirmations on: signUp (no session), then the
 * emailed code, which confirms the address and opens the session the returned client holds.
 */
export async function confirmedUser(stack: TestStack, options: { password?: string; data?: Record<string, unknown>; label?: string; key?: string } = {}) {
  const email = newEmail(options.label).toLowerCase();
  const password = options.password ?? "secret-123";
  const client = userClient(stack, options.key ? { key: options.key } : {});
  const signUp = await client.auth.signUp({ email, password, options: { data: options.data ?? {} } });
  if (signUp.error) throw signUp.error;
  const code = lastMail(stack, email).otp;
  const verified = await client.auth.verifyOtp({ email, token: code ?? "", type: "email" });
  if (verified.error || !verified.data.session || !verified.data.user) throw verified.error ?? new Error("no session after confirmation");
  return { email, password, client, session: verified.data.session, user: verified.data.user };
}
