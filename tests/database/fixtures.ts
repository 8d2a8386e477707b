// A two-event world for the RLS and Realtime authorization tests: event A and event B, each with an organizer, event A
// with a translator, participants linked to accounts (and one without account per event), a thread with messages per
// participant, broadcasts, saved views, site settings and translation overrides. Seeded as `postgres` (bypasses RLS);
// every test then acts through the real supabase-js client as one of the roles below. Participants sign in with an email
// code (amr otp); participantAPassword is participant A's own account in a password session, which carries no
// participant rights (a password does not prove the email: see the require_email_proven_participant_sessions migration).
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import type { Claims } from "../../supabase/local/context.ts";
import { createTestStack, userAccessToken, type TestCluster, type TestStack } from "../../supabase/local/testing.ts";

export const ROLES = ["anon", "participantA", "participantAPassword", "participantB", "organizerA", "organizerB", "translatorA"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  anon: "anon",
  participantA: "participant A",
  participantAPassword: "participant A (password session)",
  participantB: "participant B",
  organizerA: "organizer A",
  organizerB: "organizer B",
  translatorA: "translator A",
};

export const EVENT = {
  A: "e0000000-0000-4000-8000-00000000000a",
  B: "e0000000-0000-4000-8000-00000000000b",
};

/** auth.users ids. `newcomer` has an account and nothing else (a target for "someone else" writes). */
export const USER = {
  organizerA: "10000000-0000-4000-8000-00000000000a",
  organizerB: "10000000-0000-4000-8000-00000000000b",
  translatorA: "20000000-0000-4000-8000-00000000000a",
  participantA: "30000000-0000-4000-8000-00000000000a",
  participantB: "30000000-0000-4000-8000-00000000000b",
  newcomer: "40000000-0000-4000-8000-000000000001",
};

/** participants ids: pA and pB are linked to the participant accounts, pA2 and pB2 have no account. */
export const PARTICIPANT = {
  pA: "50000000-0000-4000-8000-00000000000a",
  pA2: "50000000-0000-4000-8000-0000000000a2",
  pB: "50000000-0000-4000-8000-00000000000b",
  pB2: "50000000-0000-4000-8000-0000000000b2",
};

export const VIEW = {
  viewA: "60000000-0000-4000-8000-00000000000a",
  viewB: "60000000-0000-4000-8000-00000000000b",
};

/** threads ids: one organizer conversation per participant (pB2 has none). */
export const THREAD = { tA: 1, tA2: 2, tB: 3 };

/** broadcasts ids: bcA reached pA and pA2, bcA2 only pA2, bcB reached pB. */
export const BROADCAST = { bcA: 1, bcA2: 2, bcB: 3 };

export const ORGANIZER_KEY = "companion.trad.discussionthreads.participant.organizer";

const SEED_SQL = `
insert into auth.users (id, aud, role, email, email_confirmed_at, created_at, updated_at, raw_app_meta_data, raw_user_meta_data)
select id::uuid, 'authenticated', 'authenticated', email, now(), now(), now(), '{"provider":"email","providers":["email"]}', '{}'
from (values
  ('${USER.organizerA}', 'organizer.a@example.test'), ('${USER.organizerB}', 'organizer.b@example.test'),
  ('${USER.translatorA}', 'translator.a@example.test'), ('${USER.participantA}', 'paula@example.test'),
  ('${USER.participantB}', 'paul@example.test'), ('${USER.newcomer}', 'newcomer@example.test')) as u (id, email);

insert into public.events (id, slug, name, default_locale) values
  ('${EVENT.A}', 'event-a', 'Event A', 'en'), ('${EVENT.B}', 'event-b', 'Event B', 'fr');

insert into public.event_members (event_id, user_id, role) values
  ('${EVENT.A}', '${USER.organizerA}', 'organizer'),
  ('${EVENT.A}', '${USER.translatorA}', 'translator'),
  ('${EVENT.B}', '${USER.organizerB}', 'organizer');

insert into public.profiles (user_id, display_name) values
  ('${USER.organizerA}', 'Olivia (organizer A)'), ('${USER.organizerB}', 'Oscar (organizer B)'),
  ('${USER.translatorA}', 'Tina (translator A)');

insert into public.participants (id, event_id, user_id, first_name, last_name, email, company) values
  ('${PARTICIPANT.pA}', '${EVENT.A}', '${USER.participantA}', 'Paula', 'Alpha', 'paula@example.test', 'Acme'),
  ('${PARTICIPANT.pA2}', '${EVENT.A}', null, 'Peter', 'Alpha', 'peter@example.test', 'Acme'),
  ('${PARTICIPANT.pB}', '${EVENT.B}', '${USER.participantB}', 'Paul', 'Beta', 'paul@example.test', 'Bolt'),
  ('${PARTICIPANT.pB2}', '${EVENT.B}', null, 'Pia', 'Beta', 'pia@example.test', 'Bolt');

insert into public.participant_views (id, event_id, name, definition, created_by) values
  ('${VIEW.viewA}', '${EVENT.A}', 'View A', '{"filters": []}', '${USER.organizerA}'),
  ('${VIEW.viewB}', '${EVENT.B}', 'View B', '{"filters": []}', '${USER.organizerB}');

insert into public.broadcasts (id, event_id, sender_user_id, body, audience, recipient_count, idempotency_key)
overriding system value values
  (${BROADCAST.bcA}, '${EVENT.A}', '${USER.organizerA}', 'Hello everyone at A',
   '{"kind": "selection", "participantIds": ["${PARTICIPANT.pA}", "${PARTICIPANT.pA2}"]}', 2, gen_random_uuid()),
  (${BROADCAST.bcA2}, '${EVENT.A}', '${USER.organizerA}', 'Only for Peter',
   '{"kind": "selection", "participantIds": ["${PARTICIPANT.pA2}"]}', 1, gen_random_uuid()),
  (${BROADCAST.bcB}, '${EVENT.B}', '${USER.organizerB}', 'Hello everyone at B',
   '{"kind": "selection", "participantIds": ["${PARTICIPANT.pB}"]}', 1, gen_random_uuid());

insert into public.threads (id, event_id, participant_id, started_by) overriding system value values
  (${THREAD.tA}, '${EVENT.A}', '${PARTICIPANT.pA}', 'organizer'),
  (${THREAD.tA2}, '${EVENT.A}', '${PARTICIPANT.pA2}', 'organizer'),
  (${THREAD.tB}, '${EVENT.B}', '${PARTICIPANT.pB}', 'participant');

insert into public.messages (id, thread_id, event_id, author_side, author_user_id, body, broadcast_id)
overriding system value values
  (1, ${THREAD.tA}, '${EVENT.A}', 'organizer', '${USER.organizerA}', 'Welcome Paula', null),
  (2, ${THREAD.tA}, '${EVENT.A}', 'participant', '${USER.participantA}', 'Thanks!', null),
  (3, ${THREAD.tA}, '${EVENT.A}', 'organizer', '${USER.organizerA}', null, ${BROADCAST.bcA}),
  (4, ${THREAD.tA2}, '${EVENT.A}', 'organizer', '${USER.organizerA}', null, ${BROADCAST.bcA}),
  (5, ${THREAD.tA2}, '${EVENT.A}', 'organizer', '${USER.organizerA}', null, ${BROADCAST.bcA2}),
  (6, ${THREAD.tB}, '${EVENT.B}', 'participant', '${USER.participantB}', 'Hi organizers of B', null),
  (7, ${THREAD.tB}, '${EVENT.B}', 'organizer', '${USER.organizerB}', null, ${BROADCAST.bcB});

select setval(pg_get_serial_sequence('public.' || t, 'id'), 100) from unnest(array['threads', 'messages', 'broadcasts']) t;

insert into public.site_settings (event_id, allow_contact_organizer, header_menu) values
  ('${EVENT.A}', true, '[]'), ('${EVENT.B}', false, '[]');

insert into public.translation_overrides (event_id, locale, key, value) values
  ('${EVENT.A}', 'en', '${ORGANIZER_KEY}', 'Team A - {{eventName}}'),
  ('${EVENT.B}', 'fr', '${ORGANIZER_KEY}', 'Équipe B - {{eventName}}');
`;

/** Each seeded row's label, by table and primary key (as text; composite keys joined with "/"). */
export const LABELS: Record<string, Record<string, string>> = {
  events: { [EVENT.A]: "A", [EVENT.B]: "B" },
  event_members: {
    [`${EVENT.A}/${USER.organizerA}`]: "A/organizerA",
    [`${EVENT.A}/${USER.translatorA}`]: "A/translatorA",
    [`${EVENT.B}/${USER.organizerB}`]: "B/organizerB",
  },
  profiles: { [USER.organizerA]: "organizerA", [USER.organizerB]: "organizerB", [USER.translatorA]: "translatorA" },
  participants: { [PARTICIPANT.pA]: "pA", [PARTICIPANT.pA2]: "pA2", [PARTICIPANT.pB]: "pB", [PARTICIPANT.pB2]: "pB2" },
  participant_views: { [VIEW.viewA]: "viewA", [VIEW.viewB]: "viewB" },
  threads: { [THREAD.tA]: "tA", [THREAD.tA2]: "tA2", [THREAD.tB]: "tB" },
  messages: { 1: "tA:org", 2: "tA:part", 3: "tA:bcA", 4: "tA2:bcA", 5: "tA2:bcA2", 6: "tB:part", 7: "tB:bcB" },
  broadcasts: { [BROADCAST.bcA]: "bcA", [BROADCAST.bcA2]: "bcA2", [BROADCAST.bcB]: "bcB" },
  site_settings: { [EVENT.A]: "A", [EVENT.B]: "B" },
  translation_overrides: {
    [`${EVENT.A}/en/${ORGANIZER_KEY}`]: "A/en",
    [`${EVENT.B}/fr/${ORGANIZER_KEY}`]: "B/fr",
  },
};
LABELS.conversation_messages = LABELS.messages;

export interface World {
  stack: TestStack;
  /** Direct SQL as `postgres` (bypasses RLS): seeding and checking what really changed. */
  sql: pg.Client;
  /** The access token of a signed-in role; null for anon. */
  token(role: Role): string | null;
  /** A new supabase-js client acting as `role` (publishable key; the role's access token when signed in). */
  client(role: Role): SupabaseClient;
  /** A new supabase-js client signed in as the given user of auth.users. */
  clientFor(userId: string): Promise<SupabaseClient>;
  stop(): Promise<void>;
}

const ROLE_USER: Record<Exclude<Role, "anon">, string> = {
  participantA: USER.participantA,
  participantAPassword: USER.participantA,
  participantB: USER.participantB,
  organizerA: USER.organizerA,
  organizerB: USER.organizerB,
  translatorA: USER.translatorA,
};

export async function createWorld(cluster: TestCluster): Promise<World> {
  const stack = await createTestStack(cluster);
  const sql = new pg.Client({ connectionString: stack.roles.postgres });
  await sql.connect();
  await sql.query(SEED_SQL);
  const sign = (sub: string, claims: Partial<Claims> = {}) => userAccessToken(stack.keys, sub, { email: `${sub}@example.test`, ...claims });
  const tokens = new Map<Role, string>();
  for (const [role, sub] of Object.entries(ROLE_USER) as [Exclude<Role, "anon">, string][]) {
    const password = role === "participantAPassword" ? { amr: [{ method: "password", timestamp: Math.floor(Date.now() / 1000) }] } : {};
    tokens.set(role, await sign(sub, password));
  }
  const token = (role: Role) => tokens.get(role) ?? null;
  const clientWith = (accessToken: string | null) =>
    createClient(stack.url, stack.keys.publishableKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      ...(accessToken ? { accessToken: async () => accessToken } : {}),
    });
  return {
    stack,
    sql,
    token,
    client: (role) => clientWith(token(role)),
    clientFor: async (userId) => clientWith(await sign(userId)),
    async stop() {
      await sql.end();
      await stack.stop();
    },
  };
}
