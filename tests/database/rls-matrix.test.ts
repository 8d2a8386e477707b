// The RLS matrix: every table (and the conversation view) × seven roles × {select, insert, update, delete}, through the
// real supabase-js client. The expectations come from the product brief ("nobody sees data of an event they do not
// belong to", translators only edit translations, messaging writes go through functions), not from the migrations.
//
// select: the exact set of seeded rows the role sees (every other row of the world must stay invisible), or "no grant"
//   (401 42501 for anon).
// insert / update / delete: one attempt on an event-A target (described in OPERATIONS); "allowed" roles must change
//   exactly that row, every other role must get 42501 (401 anon / 403 signed in) or touch 0 rows, and the database,
//   read as postgres, must show the row unchanged.
// RLS_MATRIX_SUMMARY=1 npx vitest run tests/database/rls-matrix.test.ts prints what each cell observed as a table.
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  BROADCAST,
  createWorld,
  EVENT,
  LABELS,
  ORGANIZER_KEY,
  PARTICIPANT,
  ROLE_NAMES,
  ROLES,
  THREAD,
  USER,
  VIEW,
  type Role,
  type World,
} from "./fixtures.ts";

type Command = "select" | "insert" | "update" | "delete";
type Row = Record<string, unknown>;
type Visible = readonly string[] | "no grant";

interface Expectation {
  select: Record<Role, Visible>;
  /** The roles allowed to make the write described in OPERATIONS; everyone else is denied. */
  insert: readonly Role[];
  update: readonly Role[];
  delete: readonly Role[];
}

const NOBODY: readonly Role[] = [];
const everyone = (labels: readonly string[]): Record<Role, Visible> =>
  Object.fromEntries(ROLES.map((role) => [role, labels])) as Record<Role, Visible>;

const MESSAGES_VISIBLE: Record<Role, Visible> = {
  anon: "no grant",
  participantA: ["tA:org", "tA:part", "tA:bcA"],
  participantAPassword: [], // no participant rights without an email-proven session
  participantB: ["tB:part", "tB:bcB"],
  organizerA: ["tA:org", "tA:part", "tA:bcA", "tA2:bcA", "tA2:bcA2"],
  organizerB: ["tB:part", "tB:bcB"],
  translatorA: [],
};

// ---- what the brief says -------------------------------------------------------------------------------------------

const EXPECTED: Record<string, Expectation> = {
  events: { select: everyone(["A", "B"]), insert: NOBODY, update: NOBODY, delete: NOBODY },
  event_members: {
    select: {
      anon: "no grant",
      participantA: [],
      participantAPassword: [], // no participant rights without an email-proven session
      participantB: [],
      organizerA: ["A/organizerA", "A/translatorA"],
      organizerB: ["B/organizerB"],
      translatorA: ["A/translatorA"],
    },
    insert: NOBODY,
    update: NOBODY,
    delete: NOBODY,
  },
  profiles: {
    select: {
      anon: "no grant",
      participantA: ["organizerA"], // the display name on organizer messages
      participantAPassword: [], // no participant rights without an email-proven session
      participantB: ["organizerB"],
      organizerA: ["organizerA", "translatorA"],
      organizerB: ["organizerB"],
      translatorA: ["organizerA", "translatorA"],
    },
    insert: NOBODY, // someone else's profile
    update: ["organizerA"], // one's own profile
    delete: NOBODY,
  },
  participants: {
    select: {
      anon: "no grant",
      participantA: ["pA"],
      participantAPassword: [], // no participant rights without an email-proven session
      participantB: ["pB"],
      organizerA: ["pA", "pA2"],
      organizerB: ["pB", "pB2"],
      translatorA: [],
    },
    insert: ["organizerA"],
    update: ["organizerA"],
    delete: ["organizerA"],
  },
  participant_views: {
    select: {
      anon: "no grant",
      participantA: [],
      participantAPassword: [], // no participant rights without an email-proven session
      participantB: [],
      organizerA: ["viewA"],
      organizerB: ["viewB"],
      translatorA: [],
    },
    insert: ["organizerA"],
    update: ["organizerA"],
    delete: ["organizerA"],
  },
  threads: {
    select: {
      anon: "no grant",
      participantA: ["tA"],
      participantAPassword: [], // no participant rights without an email-proven session
      participantB: ["tB"],
      organizerA: ["tA", "tA2"],
      organizerB: ["tB"],
      translatorA: [],
    },
    insert: NOBODY,
    update: NOBODY,
    delete: NOBODY,
  },
  messages: { select: MESSAGES_VISIBLE, insert: NOBODY, update: NOBODY, delete: NOBODY },
  conversation_messages: { select: MESSAGES_VISIBLE, insert: NOBODY, update: NOBODY, delete: NOBODY },
  broadcasts: {
    select: {
      anon: "no grant",
      participantA: ["bcA"], // what they received, not bcA2 (sent to pA2 only)
      participantAPassword: [], // no participant rights without an email-proven session
      participantB: ["bcB"],
      organizerA: ["bcA", "bcA2"],
      organizerB: ["bcB"],
      translatorA: [],
    },
    insert: NOBODY,
    update: NOBODY,
    delete: NOBODY,
  },
  site_settings: { select: everyone(["A", "B"]), insert: ["organizerA"], update: ["organizerA"], delete: NOBODY },
  translation_overrides: {
    select: everyone(["A/en", "B/fr"]),
    insert: ["organizerA", "translatorA"],
    update: ["organizerA", "translatorA"],
    delete: ["organizerA", "translatorA"],
  },
};

// ---- how each cell is exercised ------------------------------------------------------------------------------------

interface WriteCase {
  what: string;
  /** The target row: the REST filter (eq on each column) and the database check. */
  match: Row;
  /** The inserted row or the update's patch. */
  values?: Row;
  /** SQL run as postgres before the attempt (a disposable target). */
  setup?: string;
  /** SQL run as postgres after the attempt, whatever happened: restores the world. */
  teardown: string;
}

interface Operations {
  /** The select list (explicit columns, as the app's queries do). */
  columns: string;
  /** A returned row's key in LABELS. */
  key(row: Row): string;
  /** The table holding the rows when the API relation is a view. */
  table?: string;
  /** A view PostgreSQL cannot write through: writes fail with 55000 (PostgREST answers 500) before any privilege check. */
  notUpdatable?: true;
  insert: WriteCase;
  update: WriteCase;
  delete: WriteCase;
}

const A = EVENT.A;
const DISPOSABLE_EVENT = "e0000000-0000-4000-8000-0000000000a9";
const NEW_PARTICIPANT = "50000000-0000-4000-8000-0000000000a8";
const DISPOSABLE_PARTICIPANT = "50000000-0000-4000-8000-0000000000a9";
const NEW_VIEW = "60000000-0000-4000-8000-0000000000a8";
const DISPOSABLE_VIEW = "60000000-0000-4000-8000-0000000000a9";
const NEW_IDEMPOTENCY_KEY = "70000000-0000-4000-8000-000000000001";
const DISPOSABLE_ID = 900;

const insertMessage = (id: number) =>
  `insert into public.messages (id, thread_id, event_id, author_side, author_user_id, body) overriding system value
   values (${id}, ${THREAD.tA}, '${A}', 'organizer', '${USER.organizerA}', 'disposable')`;

const OPERATIONS: Record<string, Operations> = {
  events: {
    columns: "id, slug, name",
    key: (row) => String(row.id),
    insert: {
      what: "create an event",
      values: { id: DISPOSABLE_EVENT, slug: "matrix-event", name: "Matrix event" },
      match: { id: DISPOSABLE_EVENT },
      teardown: `delete from public.events where id = '${DISPOSABLE_EVENT}'`,
    },
    update: {
      what: "rename event A",
      match: { id: A },
      values: { name: "Renamed" },
      teardown: `update public.events set name = 'Event A' where id = '${A}'`,
    },
    delete: {
      what: "delete an event run by event A's team (a copy of A: same organizer, translator and participant)",
      setup: `insert into public.events (id, slug, name) values ('${DISPOSABLE_EVENT}', 'event-a-copy', 'Event A copy');
        insert into public.event_members (event_id, user_id, role) values
          ('${DISPOSABLE_EVENT}', '${USER.organizerA}', 'organizer'), ('${DISPOSABLE_EVENT}', '${USER.translatorA}', 'translator');
        insert into public.participants (event_id, user_id, first_name, last_name, email)
          values ('${DISPOSABLE_EVENT}', '${USER.participantA}', 'Paula', 'Alpha', 'paula@example.test')`,
      match: { id: DISPOSABLE_EVENT },
      teardown: `delete from public.events where id = '${DISPOSABLE_EVENT}'`,
    },
  },
  event_members: {
    columns: "event_id, user_id, role",
    key: (row) => `${String(row.event_id)}/${String(row.user_id)}`,
    insert: {
      what: "add a user (the newcomer) to event A's team as organizer",
      values: { event_id: A, user_id: USER.newcomer, role: "organizer" },
      match: { event_id: A, user_id: USER.newcomer },
      teardown: `delete from public.event_members where user_id = '${USER.newcomer}'`,
    },
    update: {
      what: "promote translator A to organizer of event A",
      match: { event_id: A, user_id: USER.translatorA },
      values: { role: "organizer" },
      teardown: `update public.event_members set role = 'translator' where user_id = '${USER.translatorA}'`,
    },
    delete: {
      what: "remove a translator from event A's team",
      setup: `insert into public.event_members (event_id, user_id, role) values ('${A}', '${USER.newcomer}', 'translator')`,
      match: { event_id: A, user_id: USER.newcomer },
      teardown: `delete from public.event_members where user_id = '${USER.newcomer}'`,
    },
  },
  profiles: {
    columns: "user_id, display_name",
    key: (row) => String(row.user_id),
    insert: {
      what: "create a profile for another user (the newcomer)",
      values: { user_id: USER.newcomer, display_name: "Forged" },
      match: { user_id: USER.newcomer },
      teardown: `delete from public.profiles where user_id = '${USER.newcomer}'`,
    },
    update: {
      what: "rename organizer A's profile",
      match: { user_id: USER.organizerA },
      values: { display_name: "Renamed" },
      teardown: `update public.profiles set display_name = 'Olivia (organizer A)' where user_id = '${USER.organizerA}'`,
    },
    delete: {
      what: "delete organizer A's profile",
      match: { user_id: USER.organizerA },
      teardown: `insert into public.profiles (user_id, display_name) values ('${USER.organizerA}', 'Olivia (organizer A)')
        on conflict (user_id) do nothing`,
    },
  },
  participants: {
    columns: "id, event_id, first_name",
    key: (row) => String(row.id),
    insert: {
      what: "register a participant in event A",
      values: { id: NEW_PARTICIPANT, event_id: A, first_name: "New", last_name: "Comer", email: "new.comer@example.test" },
      match: { id: NEW_PARTICIPANT },
      teardown: `delete from public.participants where id = '${NEW_PARTICIPANT}'`,
    },
    update: {
      what: "edit participant pA (company)",
      match: { id: PARTICIPANT.pA },
      values: { company: "Changed" },
      teardown: `update public.participants set company = 'Acme' where id = '${PARTICIPANT.pA}'`,
    },
    delete: {
      what: "remove a participant of event A",
      setup: `insert into public.participants (id, event_id, first_name, last_name, email)
        values ('${DISPOSABLE_PARTICIPANT}', '${A}', 'Dis', 'Posable', 'disposable@example.test')`,
      match: { id: DISPOSABLE_PARTICIPANT },
      teardown: `delete from public.participants where id = '${DISPOSABLE_PARTICIPANT}'`,
    },
  },
  participant_views: {
    columns: "id, event_id, name",
    key: (row) => String(row.id),
    insert: {
      what: "save a view in event A",
      values: { id: NEW_VIEW, event_id: A, name: "Matrix view", definition: { filters: [] } },
      match: { id: NEW_VIEW },
      teardown: `delete from public.participant_views where id = '${NEW_VIEW}'`,
    },
    update: {
      what: "rename view A",
      match: { id: VIEW.viewA },
      values: { name: "Renamed view" },
      teardown: `update public.participant_views set name = 'View A' where id = '${VIEW.viewA}'`,
    },
    delete: {
      what: "delete a view of event A",
      setup: `insert into public.participant_views (id, event_id, name, definition, created_by)
        values ('${DISPOSABLE_VIEW}', '${A}', 'Disposable view', '{}', '${USER.organizerA}')`,
      match: { id: DISPOSABLE_VIEW },
      teardown: `delete from public.participant_views where id = '${DISPOSABLE_VIEW}'`,
    },
  },
  threads: {
    columns: "id, event_id, participant_id",
    key: (row) => String(row.id),
    insert: {
      what: "open a thread in event A",
      values: { event_id: A, participant_id: NEW_PARTICIPANT, started_by: "participant" },
      match: { participant_id: NEW_PARTICIPANT },
      teardown: `delete from public.threads where participant_id = '${NEW_PARTICIPANT}'`,
    },
    update: {
      what: "mark thread tA read on both sides",
      match: { id: THREAD.tA },
      values: { organizer_read_at: "2030-01-01T00:00:00Z", participant_read_at: "2030-01-01T00:00:00Z" },
      teardown: `update public.threads set organizer_read_at = null, participant_read_at = null where id = ${THREAD.tA}`,
    },
    delete: {
      what: "delete a thread of event A",
      setup: `insert into public.threads (id, event_id, participant_id, started_by) overriding system value
        values (${DISPOSABLE_ID}, '${A}', '${DISPOSABLE_PARTICIPANT}', 'organizer')`,
      match: { id: DISPOSABLE_ID },
      teardown: `delete from public.threads where id = ${DISPOSABLE_ID}`,
    },
  },
  messages: {
    columns: "id, thread_id, body",
    key: (row) => String(row.id),
    insert: {
      what: "post a message in thread tA",
      values: { thread_id: THREAD.tA, event_id: A, author_side: "participant", body: "matrix insert" },
      match: { body: "matrix insert" },
      teardown: `delete from public.messages where body = 'matrix insert'`,
    },
    update: {
      what: "edit message tA:org",
      match: { id: 1 },
      values: { body: "Edited" },
      teardown: `update public.messages set body = 'Welcome Paula' where id = 1`,
    },
    delete: {
      what: "delete a message of thread tA",
      setup: insertMessage(DISPOSABLE_ID),
      match: { id: DISPOSABLE_ID },
      teardown: `delete from public.messages where id = ${DISPOSABLE_ID}`,
    },
  },
  conversation_messages: {
    columns: "id, thread_id, body, author_name",
    key: (row) => String(row.id),
    table: "messages",
    notUpdatable: true,
    insert: {
      what: "post a message in thread tA through the view",
      values: { thread_id: THREAD.tA, event_id: A, author_side: "participant", body: "matrix insert" },
      match: { body: "matrix insert" },
      teardown: `delete from public.messages where body = 'matrix insert'`,
    },
    update: {
      what: "edit message tA:org through the view",
      match: { id: 1 },
      values: { body: "Edited" },
      teardown: `update public.messages set body = 'Welcome Paula' where id = 1`,
    },
    delete: {
      what: "delete a message of thread tA through the view",
      setup: insertMessage(DISPOSABLE_ID),
      match: { id: DISPOSABLE_ID },
      teardown: `delete from public.messages where id = ${DISPOSABLE_ID}`,
    },
  },
  broadcasts: {
    // Without audience and idempotency_key: they are not granted to signed-in users (see the column test below).
    columns: "id, event_id, body, recipient_count",
    key: (row) => String(row.id),
    insert: {
      what: "record a broadcast in event A",
      values: {
        event_id: A,
        body: "matrix insert",
        audience: { kind: "selection", participantIds: [] },
        recipient_count: 0,
        idempotency_key: NEW_IDEMPOTENCY_KEY,
      },
      match: { idempotency_key: NEW_IDEMPOTENCY_KEY },
      teardown: `delete from public.broadcasts where idempotency_key = '${NEW_IDEMPOTENCY_KEY}'`,
    },
    update: {
      what: "edit broadcast bcA's text",
      match: { id: BROADCAST.bcA },
      values: { body: "Edited" },
      teardown: `update public.broadcasts set body = 'Hello everyone at A' where id = ${BROADCAST.bcA}`,
    },
    delete: {
      what: "delete a broadcast of event A",
      setup: `insert into public.broadcasts (id, event_id, sender_user_id, body, audience, recipient_count, idempotency_key)
        overriding system value values (${DISPOSABLE_ID}, '${A}', '${USER.organizerA}', 'disposable', '{}', 0, gen_random_uuid())`,
      match: { id: DISPOSABLE_ID },
      teardown: `delete from public.broadcasts where id = ${DISPOSABLE_ID}`,
    },
  },
  site_settings: {
    columns: "event_id, allow_contact_organizer",
    key: (row) => String(row.event_id),
    insert: {
      what: "create event A's settings (none yet)",
      setup: `delete from public.site_settings where event_id = '${A}'`,
      values: { event_id: A, allow_contact_organizer: false },
      match: { event_id: A },
      teardown: `insert into public.site_settings (event_id, allow_contact_organizer, header_menu) values ('${A}', true, '[]')
        on conflict (event_id) do update set allow_contact_organizer = true, header_menu = '[]'`,
    },
    update: {
      what: "turn off 'Allow participant to contact organizer' for event A",
      match: { event_id: A },
      values: { allow_contact_organizer: false },
      teardown: `update public.site_settings set allow_contact_organizer = true where event_id = '${A}'`,
    },
    delete: {
      what: "delete event A's settings",
      match: { event_id: A },
      teardown: `insert into public.site_settings (event_id, allow_contact_organizer, header_menu) values ('${A}', true, '[]')
        on conflict (event_id) do nothing`,
    },
  },
  translation_overrides: {
    columns: "event_id, locale, key, value",
    key: (row) => `${String(row.event_id)}/${String(row.locale)}/${String(row.key)}`,
    insert: {
      what: "add a French override in event A",
      values: { event_id: A, locale: "fr", key: ORGANIZER_KEY, value: "Équipe A - {{eventName}}" },
      match: { event_id: A, locale: "fr", key: ORGANIZER_KEY },
      teardown: `delete from public.translation_overrides where event_id = '${A}' and locale = 'fr'`,
    },
    update: {
      what: "edit event A's English override",
      match: { event_id: A, locale: "en", key: ORGANIZER_KEY },
      values: { value: "Edited" },
      teardown: `update public.translation_overrides set value = 'Team A - {{eventName}}' where event_id = '${A}' and locale = 'en'`,
    },
    delete: {
      what: "remove an override of event A",
      setup: `insert into public.translation_overrides (event_id, locale, key, value) values ('${A}', 'en', 'matrix.disposable', 'x')`,
      match: { event_id: A, locale: "en", key: "matrix.disposable" },
      teardown: `delete from public.translation_overrides where key = 'matrix.disposable'`,
    },
  },
};

// ---- the generated cells -------------------------------------------------------------------------------------------

let world: World;
const clients = new Map<Role, SupabaseClient>();
const client = (role: Role) => clients.get(role) as SupabaseClient;
/** What each cell observed, printed as a table when RLS_MATRIX_SUMMARY is set. */
const observed = new Map<string, string>();

beforeAll(async () => {
  world = await createWorld(inject("cluster"));
  for (const role of ROLES) clients.set(role, world.client(role));
});

afterAll(async () => {
  if (process.env.RLS_MATRIX_SUMMARY) printSummary();
  await world?.stop();
});

/** The target rows as postgres sees them (RLS bypassed), as comparable text. */
async function snapshot(table: string, match: Row): Promise<Row[]> {
  const columns = Object.keys(match);
  const where = columns.map((column, index) => `t.${column}::text = $${index + 1}`).join(" and ");
  const result = await world.sql.query<{ row: Row }>(
    `select to_jsonb(t) as row from public.${table} t where ${where} order by to_jsonb(t)::text`,
    columns.map((column) => String(match[column])),
  );
  return result.rows.map((row) => row.row);
}

interface Attempt {
  error: { code: string; message: string } | null;
  status: number;
  count: number | null;
}

async function attempt(supabase: SupabaseClient, relation: string, command: Exclude<Command, "select">, write: WriteCase): Promise<Attempt> {
  const query = supabase.from(relation);
  if (command === "insert") return await query.insert(write.values ?? {});
  if (command === "update") return await query.update(write.values ?? {}, { count: "exact" }).match(write.match);
  return await query.delete({ count: "exact" }).match(write.match);
}

const selectCells = Object.entries(EXPECTED).flatMap(([table, expectation]) =>
  ROLES.map((role) => {
    const visible = expectation.select[role];
    const outcome = visible === "no grant" ? "denied (no grant)" : visible.length ? `sees ${visible.join(", ")}` : "sees nothing";
    return { name: `${table} × ${ROLE_NAMES[role]} × select: ${outcome}`, table, role, visible };
  }),
);

const writeCells = Object.entries(EXPECTED).flatMap(([table, expectation]) =>
  (["insert", "update", "delete"] as const).flatMap((command) =>
    ROLES.map((role) => {
      const allowed = expectation[command].includes(role);
      return { name: `${table} × ${ROLE_NAMES[role]} × ${command}: ${allowed ? "allowed" : "denied"}`, table, role, command, allowed };
    }),
  ),
);

describe("RLS matrix: select", () => {
  it.each(selectCells)("$name", async ({ table, role, visible }) => {
    const { data, error, status } = await client(role).from(table).select(OPERATIONS[table].columns);
    if (visible === "no grant") {
      observed.set(`${table}|${role}|select`, error ? `${error.code} ${status}` : `rows ${JSON.stringify(data)}`);
      expect(data).toBeNull();
      expect(error?.code).toBe("42501");
      expect(status).toBe(role === "anon" ? 401 : 403);
      return;
    }
    expect(error).toBeNull();
    const labels = ((data ?? []) as unknown[] as Row[])
      .map((row) => OPERATIONS[table].key(row))
      .map((key) => LABELS[table][key] ?? `unexpected row ${key}`)
      .sort();
    observed.set(`${table}|${role}|select`, labels.join(" ") || "∅");
    expect(labels).toEqual([...visible].sort());
  });
});

describe("RLS matrix: writes on event A", () => {
  it.each(writeCells)("$name", async ({ table, role, command, allowed }) => {
    const operations = OPERATIONS[table];
    const write = operations[command];
    const stored = operations.table ?? table;
    try {
      if (write.setup) await world.sql.query(write.setup);
      const before = await snapshot(stored, write.match);
      const result = await attempt(client(role), table, command, write);
      const after = await snapshot(stored, write.match);
      observed.set(
        `${table}|${role}|${command}`,
        result.error ? `${result.error.code} ${result.status}` : JSON.stringify(after) === JSON.stringify(before) ? "0 rows" : "changed",
      );

      if (allowed) {
        expect(result.error).toBeNull();
        if (command === "insert") {
          expect(before).toHaveLength(0);
          expect(after).toHaveLength(1);
        } else if (command === "update") {
          expect(result.count).toBe(1);
          expect(after).toHaveLength(1);
          expect(after[0]).toMatchObject(write.values ?? {});
        } else {
          expect(before).toHaveLength(1);
          expect(result.count).toBe(1);
          expect(after).toHaveLength(0);
        }
        return;
      }
      if (result.error) {
        expect({ code: result.error.code, status: result.status }).toEqual(
          operations.notUpdatable ? { code: "55000", status: 500 } : { code: "42501", status: role === "anon" ? 401 : 403 },
        );
      } else {
        expect(command, "an insert is never silently dropped: it must answer an error").not.toBe("insert");
        expect(result.count).toBe(0);
      }
      expect(after).toEqual(before);
    } finally {
      await world.sql.query(write.teardown);
    }
  });
});

// ---- what the matrix does not show ---------------------------------------------------------------------------------

describe("beyond the matrix", () => {
  it("the conversation view shows participant A the organizer's display name and the broadcast's text", async () => {
    const { data, error } = await client("participantA")
      .from("conversation_messages")
      .select("id, author_side, author_name, body")
      .order("id");
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, author_side: "organizer", author_name: "Olivia (organizer A)", body: "Welcome Paula" },
      { id: 2, author_side: "participant", author_name: null, body: "Thanks!" },
      { id: 3, author_side: "organizer", author_name: "Olivia (organizer A)", body: "Hello everyone at A" },
    ]);
  });

  it.each(["organizerA", "participantA"] as const)(
    "broadcasts × %s: the audience and the idempotency key are not readable through the API",
    async (role) => {
      for (const column of ["audience", "idempotency_key", "*"]) {
        const { data, error, status } = await client(role).from("broadcasts").select(column);
        expect(data).toBeNull();
        expect({ code: error?.code, status }).toEqual({ code: "42501", status: 403 });
      }
    },
  );

  // Who changed a setting or a text (a team member's user id) is not for every signed-in user (issue 16, finding 8).
  it.each(ROLES.flatMap((role) => (["site_settings", "translation_overrides"] as const).map((table) => ({ table, role }))))(
    "$table × $role: updated_by is not readable through the API",
    async ({ table, role }) => {
      for (const columns of ["updated_by", "*"]) {
        const { data, error, status } = await client(role).from(table).select(columns);
        expect(data).toBeNull();
        expect({ code: error?.code, status }).toEqual({ code: "42501", status: role === "anon" ? 401 : 403 });
      }
    },
  );

  it.each(["organizerA", "translatorA"] as const)(
    "team_translation_overrides × %s: the event's overrides with their author's display name",
    async (role) => {
      // Saved by organizer A (the stamp trigger takes the author from the JWT claims).
      await world.sql.query(`begin;
        select set_config('request.jwt.claims', '{"sub": "${USER.organizerA}", "role": "authenticated"}', true);
        update public.translation_overrides set value = value where event_id = '${A}';
        commit;`);
      const { data, error } = await client(role).rpc("team_translation_overrides", { target_event_id: A });
      expect(error).toBeNull();
      expect(data).toEqual([
        { key: ORGANIZER_KEY, locale: "en", value: "Team A - {{eventName}}", updated_at: expect.any(String), updated_by_name: "Olivia (organizer A)" },
      ]);
    },
  );

  it.each(["organizerB", "participantA", "participantAPassword", "anon"] as const)(
    "team_translation_overrides × %s: refused for event A",
    async (role) => {
      const { data, error, status } = await client(role).rpc("team_translation_overrides", { target_event_id: A });
      expect(data).toBeNull();
      expect({ code: error?.code, status }).toEqual(role === "anon" ? { code: "42501", status: 401 } : { code: "PT403", status: 403 });
    },
  );

  it("a back-office user creates and edits their own profile", async () => {
    const newcomer = await world.clientFor(USER.newcomer);
    try {
      expect((await newcomer.from("profiles").insert({ user_id: USER.newcomer, display_name: "Nina" })).error).toBeNull();
      const { error, count } = await newcomer
        .from("profiles")
        .update({ display_name: "Nina N." }, { count: "exact" })
        .eq("user_id", USER.newcomer);
      expect(error).toBeNull();
      expect(count).toBe(1);
      expect((await snapshot("profiles", { user_id: USER.newcomer }))[0]).toMatchObject({ display_name: "Nina N." });
    } finally {
      await world.sql.query(`delete from public.profiles where user_id = '${USER.newcomer}'`);
    }
  });

  // Rows an allowed role can edit must stay in their event: moving one to event B would hand it to B's team.
  it.each([
    { table: "participants", role: "organizerA", match: { id: PARTICIPANT.pA } },
    { table: "participant_views", role: "organizerA", match: { id: VIEW.viewA } },
    { table: "site_settings", role: "organizerA", match: { event_id: A } },
    { table: "translation_overrides", role: "organizerA", match: { event_id: A, locale: "en", key: ORGANIZER_KEY } },
    { table: "translation_overrides", role: "translatorA", match: { event_id: A, locale: "en", key: ORGANIZER_KEY } },
  ] as const)("$table × $role × update event_id to event B: denied", async ({ table, role, match }) => {
    const before = await snapshot(table, match);
    const { error, status } = await client(role).from(table).update({ event_id: EVENT.B }).match(match);
    expect({ code: error?.code, status }).toEqual({ code: "42501", status: 403 });
    expect(await snapshot(table, match)).toEqual(before);
  });

  // The account link is made at the participant's first sign-in with the registered email (product brief), never by
  // an organizer naming an account: that would attach any user to the event without their email being checked.
  it.each([
    { name: "insert a participant linked to an account", op: "insert" },
    { name: "link participant pA2 to an account", op: "update" },
  ] as const)("participants × organizer A × $name: denied", async ({ op }) => {
    const match = op === "insert" ? { id: NEW_PARTICIPANT } : { id: PARTICIPANT.pA2 };
    const before = await snapshot("participants", match);
    try {
      const participants = client("organizerA").from("participants");
      const { error, status } =
        op === "insert"
          ? await participants.insert({
              id: NEW_PARTICIPANT,
              event_id: A,
              user_id: USER.participantB,
              first_name: "Paul",
              last_name: "Beta",
              email: "paul@example.test",
            })
          : await participants.update({ user_id: USER.participantB }).match(match);
      expect({ code: error?.code, status }).toEqual({ code: "42501", status: 403 });
      expect(await snapshot("participants", match)).toEqual(before);
    } finally {
      await world.sql.query(`delete from public.participants where id = '${NEW_PARTICIPANT}'`);
    }
  });
});

function printSummary(): void {
  const commands: Command[] = ["select", "insert", "update", "delete"];
  const lines = [`| table | command | ${ROLES.map((role) => ROLE_NAMES[role]).join(" | ")} |`];
  for (const table of Object.keys(EXPECTED)) {
    for (const command of commands) {
      lines.push(`| ${table} | ${command} | ${ROLES.map((role) => observed.get(`${table}|${role}|${command}`) ?? "?").join(" | ")} |`);
    }
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}
