// The world the messaging-function tests run against: two events, their organizers, a translator, participants with
// and without event-site accounts, and supabase-js clients signed in as each of them. Built once per test file as
// postgres (direct SQL); every assertion goes through the real supabase-js client.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import type { Claims } from "../../supabase/local/context.ts";
import { createTestStack, userAccessToken, type TestCluster, type TestStack } from "../../supabase/local/testing.ts";

export const USERS = {
  organizerA: "a0000000-0000-4000-8000-000000000001",
  organizerB: "b0000000-0000-4000-8000-000000000001",
  translatorA: "a0000000-0000-4000-8000-000000000002",
  participantA: "a0000000-0000-4000-8000-000000000003",
  participantA2: "a0000000-0000-4000-8000-000000000004",
  participantB: "b0000000-0000-4000-8000-000000000003",
  newcomer: "a0000000-0000-4000-8000-000000000005",
  stranger: "c0000000-0000-4000-8000-000000000001",
} as const;
export type UserName = keyof typeof USERS;

export const EMAILS: Record<UserName, string> = {
  organizerA: "olga.organizer@example.test",
  organizerB: "otto.organizer@example.test",
  translatorA: "tina.translator@example.test",
  participantA: "ada@example.test",
  participantA2: "alan@example.test",
  participantB: "bob@example.test",
  newcomer: "nora@example.test",
  stranger: "stranger@example.test",
};

export const ORGANIZER_A_NAME = "Olga from the A team";

export interface ParticipantSeed {
  first_name: string;
  last_name: string;
  email: string;
  company?: string | null;
  job_title?: string | null;
  registered_at: string;
  user?: UserName;
}

/** Event A's participants: the grid's rows (ordered here by last name). */
export const EVENT_A_PARTICIPANTS: ParticipantSeed[] = [
  { first_name: "Edsger", last_name: "Dijkstra", email: "edsger@example.test", company: "100% Pure_Logic", job_title: "Professor", registered_at: "2026-06-30T10:00:00Z" },
  { first_name: "Margaret", last_name: "Hamilton", email: "margaret@example.test", company: "MIT", job_title: null, registered_at: "2026-05-05T10:00:00Z" },
  { first_name: "Grace", last_name: "Hopper", email: "grace@example.test", company: "US Navy", job_title: "Rear Admiral", registered_at: "2026-03-20T10:00:00Z" },
  { first_name: "Ada", last_name: "Lovelace", email: "ada@example.test", company: "Analytical Engines", job_title: "Mathematician", registered_at: "2026-01-10T10:00:00Z", user: "participantA" },
  { first_name: "Nora", last_name: "Newcomer", email: "nora@example.test", company: "Startup", job_title: "Founder", registered_at: "2026-07-01T10:00:00Z" },
  { first_name: "Linus", last_name: "Torvalds", email: "linus@example.test", company: null, job_title: "Kernel Hacker", registered_at: "2026-04-01T10:00:00Z" },
  { first_name: "Alan", last_name: "Turing", email: "alan@example.test", company: "Bletchley Park", job_title: "Cryptanalyst", registered_at: "2026-02-15T10:00:00Z", user: "participantA2" },
];

/** Event B: its own participant, and an Ada Lovelace with the same email as event A's (another record). */
export const EVENT_B_PARTICIPANTS: ParticipantSeed[] = [
  { first_name: "Bob", last_name: "Builder", email: "bob@example.test", company: "Builders", job_title: "Builder", registered_at: "2026-01-01T10:00:00Z", user: "participantB" },
  { first_name: "Ada", last_name: "Lovelace", email: "ada@example.test", company: "Analytical Engines", job_title: "Mathematician", registered_at: "2026-01-10T10:00:00Z" },
];

export interface CreatedEvent {
  id: string;
  /** Participant ids by email. */
  participants: Record<string, string>;
}

export interface FunctionWorld {
  stack: TestStack;
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  eventA: CreatedEvent;
  eventB: CreatedEvent;
  as: Record<UserName, SupabaseClient> & { anon: SupabaseClient };
  /** A new client signed in as a user of auth.users (whichever id is given), with these claims over the default (email-code) session's. */
  asUser(userId: string, claims?: Partial<Claims>): Promise<SupabaseClient>;
  /** A fresh event whose only organizer is organizer A, with these participants (accounts linked as given). */
  addEvent(slug: string, participants: ParticipantSeed[]): Promise<CreatedEvent>;
  stop(): Promise<void>;
}

async function insertEvent(
  sql: FunctionWorld["sql"],
  slug: string,
  organizer: UserName,
  participants: ParticipantSeed[],
): Promise<CreatedEvent> {
  const event = await sql<{ id: string }>("insert into public.events (slug, name) values ($1, $2) returning id", [
    slug,
    `Event ${slug}`,
  ]);
  const id = event.rows[0].id;
  await sql("insert into public.event_members (event_id, user_id, role) values ($1, $2, 'organizer')", [id, USERS[organizer]]);
  const rows = await sql<{ id: string; email: string }>(
    `insert into public.participants (event_id, user_id, first_name, last_name, email, company, job_title, registered_at)
     select $1, x.user_id, x.first_name, x.last_name, x.email, x.company, x.job_title, x.registered_at
     from jsonb_to_recordset($2::jsonb) as x(user_id uuid, first_name text, last_name text, email text, company text,
       job_title text, registered_at timestamptz)
     returning id, email`,
    [id, JSON.stringify(participants.map((p) => ({ ...p, user_id: p.user ? USERS[p.user] : null })))],
  );
  return { id, participants: Object.fromEntries(rows.rows.map((r) => [r.email, r.id])) };
}

export async function createFunctionWorld(cluster: TestCluster): Promise<FunctionWorld> {
  const stack = await createTestStack(cluster);
  const pool = new pg.Pool({ connectionString: stack.roles.postgres, max: 4 });
  const sql: FunctionWorld["sql"] = (text, params) => pool.query(text, params);

  await sql(
    `insert into auth.users (id, email, email_confirmed_at, aud, role)
     select (x ->> 'id')::uuid, x ->> 'email', now(), 'authenticated', 'authenticated' from jsonb_array_elements($1::jsonb) x`,
    [JSON.stringify(Object.entries(USERS).map(([name, id]) => ({ id, email: EMAILS[name as UserName] })))],
  );
  await sql(
    `insert into public.profiles (user_id, display_name) values ($1, $2), ($3, 'Otto from the B team'), ($4, 'Tina the translator')`,
    [USERS.organizerA, ORGANIZER_A_NAME, USERS.organizerB, USERS.translatorA],
  );
  const eventA = await insertEvent(sql, "event-a", "organizerA", EVENT_A_PARTICIPANTS);
  const eventB = await insertEvent(sql, "event-b", "organizerB", EVENT_B_PARTICIPANTS);
  await sql("insert into public.event_members (event_id, user_id, role) values ($1, $2, 'translator')", [
    eventA.id,
    USERS.translatorA,
  ]);

  const client = (token?: string) =>
    createClient(stack.url, stack.keys.publishableKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      ...(token ? { accessToken: async () => token } : {}),
    });
  const entries = await Promise.all(
    (Object.keys(USERS) as UserName[]).map(async (name) => {
      const token = await userAccessToken(stack.keys, USERS[name], { email: EMAILS[name] });
      return [name, client(token)] as const;
    }),
  );
  const as = { ...(Object.fromEntries(entries) as Record<UserName, SupabaseClient>), anon: client() };

  return {
    stack,
    sql,
    eventA,
    eventB,
    as,
    asUser: async (userId, claims) => client(await userAccessToken(stack.keys, userId, claims)),
    addEvent: (slug, participants) => insertEvent(sql, slug, "organizerA", participants),
    async stop() {
      await pool.end();
      await stack.stop();
    },
  };
}

/** n participants named Person 001…, emails p001@<slug>.test. */
export function people(slug: string, n: number, user?: UserName): ParticipantSeed[] {
  return Array.from({ length: n }, (_, i) => {
    const number = String(i + 1).padStart(3, "0");
    return {
      first_name: "Person",
      last_name: number,
      email: `p${number}@${slug}.test`,
      registered_at: "2026-01-01T00:00:00Z",
      ...(i === 0 && user ? { user } : {}),
    };
  });
}
