// The reliability suite's world: sizes (small in `npm test`, large with `npm run test:reliability -- --large`), an
// isolated stack per test file, events seeded set-based as `postgres`, and supabase-js clients signed in as their users.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { createTestStack, userAccessToken, type TestCluster, type TestStack } from "../../supabase/local/testing.ts";
import { createStackKeys, generateSecrets, type StackKeys, type StackSecrets } from "../../supabase/local/keys.ts";

export type Size = "small" | "large";
export const SIZE: Size = process.env.RELIABILITY_SIZE === "large" ? "large" : "small";

export interface Sizes {
  /** Participant sockets of the load test, its rate (messages per second, both directions together) and duration. */
  sockets: number;
  rate: number;
  seconds: number;
  /** Recipients of the send killed mid-way. */
  killRecipients: number;
  /** Random-delay kills after the deterministic one. */
  killRounds: number;
  /** fast-check cases per public function. */
  fuzzCases: number;
  /** Sends while the participant is offline. */
  offlineSends: number;
  /** Concurrent SEND NOW calls. */
  concurrentSends: number;
}

export const SIZES: Sizes = {
  small: { sockets: 100, rate: 100, seconds: 10, killRecipients: 10_000, killRounds: 2, fuzzCases: 300, offlineSends: 40, concurrentSends: 10 },
  large: { sockets: 1000, rate: 100, seconds: 60, killRecipients: 100_000, killRounds: 5, fuzzCases: 1000, offlineSends: 400, concurrentSends: 50 },
}[SIZE];

/** Results the large run prints for docs/reliability.md (one JSON line per figure, prefixed so they are easy to grep). */
export function report(name: string, figures: Record<string, unknown>): void {
  console.log(`RELIABILITY ${JSON.stringify({ size: SIZE, name, ...figures })}`);
}

/** What `send_broadcast` answers. */
export interface SendResult {
  broadcast_id: number;
  recipient_count: number;
  replayed: boolean;
}

export interface SeededEvent {
  id: string;
  slug: string;
  organizer: string;
  /** Participant ids in creation order; the first `accounts` have an event-site account. */
  participants: string[];
  /** participant id → auth user id (participants with an account). */
  users: Map<string, string>;
}

export interface World {
  stack: TestStack;
  /** Direct SQL as `postgres` (bypasses RLS). */
  sql: pg.Pool;
  /** Direct SQL as the superuser (pg_stat_activity, pg_terminate_backend, locks). */
  admin: pg.Pool;
  seedEvent(slug: string, options: { participants: number; accounts?: number; threads?: boolean }): Promise<SeededEvent>;
  /** A supabase-js client signed in as this user (anon without one). */
  client(userId: string | null): Promise<SupabaseClient>;
  stop(): Promise<void>;
}

export function clientFor(url: string, publishableKey: string, token: string | null): SupabaseClient {
  return createClient(url, publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    ...(token ? { accessToken: async () => token } : {}),
  });
}

export async function signedClient(url: string, keys: StackKeys, userId: string | null): Promise<SupabaseClient> {
  if (!userId) return clientFor(url, keys.publishableKey, null);
  const token = await userAccessToken(keys, userId, { email: `${userId}@reliability.test` });
  const client = clientFor(url, keys.publishableKey, token);
  await client.realtime.setAuth(token);
  return client;
}

/** Seeds an event with an organizer and n participants (the first `accounts` linked to accounts), as `postgres`. */
export async function seedEvent(
  sql: pg.Pool,
  slug: string,
  { participants, accounts = 0, threads = false }: { participants: number; accounts?: number; threads?: boolean },
): Promise<SeededEvent> {
  const client = await sql.connect();
  try {
    await client.query("begin");
    const organizer = (
      await client.query<{ id: string }>(
        `insert into auth.users (id, email, aud, role) values (gen_random_uuid(), $1, 'authenticated', 'authenticated') returning id`,
        [`organizer@${slug}.test`],
      )
    ).rows[0].id;
    await client.query("insert into public.profiles (user_id, display_name) values ($1, $2)", [organizer, `Organizer of ${slug}`]);
    const id = (await client.query<{ id: string }>("insert into public.events (slug, name) values ($1, $2) returning id", [slug, `Event ${slug}`]))
      .rows[0].id;
    await client.query("insert into public.event_members (event_id, user_id, role) values ($1, $2, 'organizer')", [id, organizer]);
    await client.query(
      `insert into auth.users (id, email, aud, role)
       select gen_random_uuid(), 'p' || n || '@' || $1 || '.test', 'authenticated', 'authenticated' from generate_series(1, $2) n`,
      [slug, accounts],
    );
    const rows = await client.query<{ id: string; user_id: string | null }>(
      `insert into public.participants (event_id, user_id, first_name, last_name, email, registered_at)
       select $1, u.id, 'Person', lpad(n::text, 6, '0'), 'p' || n || '@' || $2 || '.test', '2026-01-01'
       from generate_series(1, $3) n left join auth.users u on u.email = 'p' || n || '@' || $2 || '.test'
       order by n
       returning id, user_id`,
      [id, slug, participants],
    );
    if (threads) {
      await client.query(
        "insert into public.threads (event_id, participant_id, started_by) select event_id, id, 'organizer' from public.participants where event_id = $1",
        [id],
      );
    }
    await client.query("commit");
    return {
      id,
      slug,
      organizer,
      participants: rows.rows.map((row) => row.id),
      users: new Map(rows.rows.filter((row) => row.user_id).map((row) => [row.id, row.user_id as string])),
    };
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    client.release();
  }
}

export async function createReliabilityWorld(cluster: TestCluster): Promise<World> {
  const stack = await createTestStack(cluster);
  const sql = new pg.Pool({ connectionString: stack.roles.postgres, max: 4 });
  const admin = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  return {
    stack,
    sql,
    admin,
    seedEvent: (slug, options) => seedEvent(sql, slug, options),
    client: (userId) => signedClient(stack.url, stack.keys, userId),
    async stop() {
      await sql.end();
      await admin.end();
      await stack.stop();
    },
  };
}

/** Rows of the messaging tables, for all-or-none checks. */
export async function countsOf(sql: pg.Pool, eventId: string): Promise<{ broadcasts: number; threads: number; messages: number }> {
  const { rows } = await sql.query<{ broadcasts: number; threads: number; messages: number }>(
    `select (select count(*)::int from public.broadcasts where event_id = $1) as broadcasts,
            (select count(*)::int from public.threads where event_id = $1) as threads,
            (select count(*)::int from public.messages where event_id = $1) as messages`,
    [eventId],
  );
  return rows[0];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface StackProcess {
  url: string;
  keys: StackKeys;
  secrets: StackSecrets;
  child: ChildProcess;
  /** SIGKILL (the kill test) or SIGTERM. */
  kill(signal?: NodeJS.Signals): void;
}

/** A stack serving the test database from its own process (stack-process.ts), with its own keys. */
export async function spawnStack(databaseUrl: string, databasePassword: string): Promise<StackProcess> {
  const secrets = { ...(await generateSecrets()), databasePassword };
  const child = spawn(process.execPath, [join(import.meta.dirname, "stack-process.ts")], {
    env: { ...process.env, RELIABILITY_STACK: JSON.stringify({ databaseUrl, secrets }) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the stack process exited (${code})`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return { url, secrets, child, keys: await createStackKeys(secrets, `${url}/auth/v1`), kill: (signal = "SIGTERM") => child.kill(signal) };
}
