// `npm run seed -- [--participants N] [--url <postgres URL>]`: the demo data set — two events, their back-office team,
// N participants (faker, deterministic), conversations and a broadcast, site settings. Idempotent: a second run adds
// only what is missing (a larger N adds the extra participants; conversations are seeded once per event).
//
// Accounts go through the Auth admin API with the secret key (passwords hashed by the auth server); everything else is
// set-based SQL as `postgres` (the role migrations run as), fast enough for 100,000 participants.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Faker, base, en, fr } from "@faker-js/faker";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type pg from "pg";
import type { Database } from "../lib/database.types.ts";
import { withClient } from "../supabase/local/database.ts";
import { LOCAL_DIR, startLocalProject } from "../supabase/local/project.ts";
import {
  DEMO_EVENT,
  DEMO_EVENT_FR,
  DEMO_ORGANIZER,
  DEMO_ORGANIZER_2,
  DEMO_PARTICIPANT,
  DEMO_TRANSLATOR,
} from "./demo.ts";

export interface SeedTarget {
  /** The Supabase API (Auth admin API for the demo accounts). */
  supabaseUrl: string;
  secretKey: string;
  /** Login URL of the `postgres` role on the app database. */
  postgresUrl: string;
}

export interface SeedOptions {
  /** Participants of the demo event (default 300). The French event gets a tenth, between 20 and 200. */
  participants?: number;
  log?: (line: string) => void;
}

export interface SeedSummary {
  participantsCreated: number;
  conversationsSeeded: number;
  seconds: number;
}

export const DEFAULT_PARTICIPANTS = 300;
const BATCH_SIZE = 5_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------------
// Accounts

interface Account {
  email: string;
  /** Back-office accounts only: participants sign in to the event site with an email code, never a password. */
  password?: string;
  displayName?: string;
}

type AdminClient = SupabaseClient<Database>;

/** Creates the account unless it exists; returns its id. */
async function ensureUser(admin: AdminClient, db: pg.Client, account: Account): Promise<string> {
  const existing = await db.query<{ id: string }>("select id from auth.users where email = $1", [account.email]);
  if (existing.rows[0]) return existing.rows[0].id;
  const { data, error } = await admin.auth.admin.createUser({
    email: account.email,
    ...(account.password ? { password: account.password } : {}),
    email_confirm: true,
    user_metadata: account.displayName ? { display_name: account.displayName } : {},
  });
  if (error || !data.user) throw new Error(`could not create ${account.email}: ${error?.message ?? "no user returned"}`);
  return data.user.id;
}

// ---------------------------------------------------------------------------------------------------------------------
// Participants

interface ParticipantRow {
  first_name: string;
  last_name: string;
  email: string;
  company: string | null;
  job_title: string | null;
  registered_at: string;
}

function ascii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Deterministic participants: the i-th row is the same whatever the count, so a larger run extends a smaller one.
 * Emails use the reserved `.example` top-level domain (mail to them can never leave the machine).
 */
function* participantRows(faker: Faker, count: number, registrationEnd: number): Generator<ParticipantRow[]> {
  const companies = Array.from({ length: 1_500 }, () => faker.company.name());
  const jobTitles = Array.from({ length: 400 }, () => faker.person.jobTitle());
  const used = new Set<string>();
  const start = registrationEnd - 60 * DAY;
  let batch: ParticipantRow[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const company = faker.helpers.arrayElement(companies);
    const hasCompany = faker.number.int(9) > 0;
    const jobTitle = faker.helpers.arrayElement(jobTitles);
    const hasJobTitle = faker.number.int(9) > 0;
    const registeredAt = start + faker.number.int(60 * DAY - 1);
    const domain = hasCompany ? `${ascii(company).slice(0, 40)}.example` : "mail.example";
    const local = `${ascii(firstName)}.${ascii(lastName)}`.replace(/-/g, "");
    let email = `${local}@${domain}`;
    for (let n = 2; used.has(email); n++) email = `${local}${n}@${domain}`;
    used.add(email);
    batch.push({
      first_name: firstName,
      last_name: lastName,
      email,
      company: hasCompany ? company : null,
      job_title: hasJobTitle ? jobTitle : null,
      registered_at: new Date(registeredAt).toISOString(),
    });
    if (batch.length === BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

const INSERT_PARTICIPANTS = `
  insert into public.participants (event_id, first_name, last_name, email, company, job_title, registered_at)
  select $1, r.first_name, r.last_name, r.email, r.company, r.job_title, r.registered_at
  from json_to_recordset($2::json)
    as r(first_name text, last_name text, email text, company text, job_title text, registered_at timestamptz)
  on conflict (event_id, email) do nothing`;

/**
 * Inserts the participants in batches over `connections` parallel connections (each batch commits on its own: a rerun
 * completes an interrupted seed). Batches are generated while the previous ones are being inserted.
 */
async function insertParticipants(
  postgresUrl: string,
  eventId: string,
  batches: Iterator<ParticipantRow[]>,
  connections = 2,
): Promise<number> {
  let created = 0;
  let failed = false;
  const worker = () =>
    withClient(postgresUrl, async (db) => {
      try {
        for (let next = batches.next(); !next.done && !failed; next = batches.next()) {
          const inserted = await db.query(INSERT_PARTICIPANTS, [eventId, JSON.stringify(next.value)]);
          created += inserted.rowCount ?? 0;
        }
      } catch (error) {
        failed = true;
        throw error;
      }
    });
  await Promise.all(Array.from({ length: connections }, worker));
  return created;
}

/**
 * `count` realistic participants (English faker names, companies and job titles, deterministic) for an existing event:
 * what benchmarks measure the grid on. Returns how many were created.
 */
export async function seedRealisticParticipants(postgresUrl: string, eventId: string, count: number): Promise<number> {
  const faker = new Faker({ locale: [en, base], seed: 2026 });
  return insertParticipants(postgresUrl, eventId, participantRows(faker, count, Math.floor(Date.now() / DAY) * DAY));
}

// ---------------------------------------------------------------------------------------------------------------------
// Conversations

/** One message of a scripted conversation: who writes, what, and how long after the previous message (minutes). */
type Line = [side: "organizer" | "participant", body: string, afterMinutes: number];

interface Conversation {
  /** Index of the generated participant, or "demo" for the demo participant. */
  participant: number | "demo";
  /** Days before now of the first message. */
  startDaysAgo: number;
  lines: Line[];
  /** Read state: by default each side has read up to its own last message. */
  organizerReadAll?: boolean;
  participantReadAll?: boolean;
}

interface EventScript {
  broadcast: { body: string; daysAgo: number; recipients: number; idempotencyKey: string };
  conversations: Conversation[];
}

const DEMO_SCRIPT: EventScript = {
  broadcast: {
    daysAgo: 6,
    recipients: 49, // plus the demo participant
    idempotencyKey: "5eed0000-0000-4000-8000-000000000001",
    body: "Welcome to Tech Summit 2026!\n\nDoors open at 8:30 on Thursday, keynote at 9:30 in Hall A. Bring your badge (QR code in your confirmation email).\n\nThe full agenda: https://example.com/tech-summit-2026/agenda\n\nSee you there!",
  },
  conversations: [
    {
      participant: "demo",
      startDaysAgo: 5,
      lines: [
        ["participant", "Hi! Is there a cloakroom at the venue? I'm coming straight from the airport with a suitcase.", 0],
        ["organizer", "Hi Emma, yes: the cloakroom is next to the main entrance, free of charge, open from 8:00.", 42],
        ["participant", "Perfect, thank you!", 15],
        ["organizer", "You're welcome. By the way, the workshop you asked about has moved to room B2.", 1_440],
      ],
    },
    {
      participant: 0,
      startDaysAgo: 5.5,
      lines: [
        ["participant", "Can I still switch my pass to the two-day option?", 0],
        ["organizer", "Yes, reply with your invoice number and we'll take care of it.", 90],
        ["participant", "It's INV-2026-0412. Thanks a lot!", 30],
      ],
    },
    {
      participant: 1,
      startDaysAgo: 4,
      lines: [
        ["organizer", "Hello, your talk slot is confirmed for Thursday 14:00. Could you send your slides by Tuesday?", 0],
        ["participant", "Sure, I'll send them on Monday.", 180],
      ],
      organizerReadAll: true,
    },
    {
      participant: 2,
      startDaysAgo: 3.5,
      lines: [
        ["participant", "Is the evening networking event included in the standard ticket?", 0],
        ["organizer", "It is! Drinks from 18:30 on the rooftop.", 25],
      ],
      participantReadAll: true,
    },
    {
      participant: 3,
      startDaysAgo: 3,
      lines: [
        ["participant", "Hello, I have a gluten intolerance. Will there be options at lunch?", 0],
        ["organizer", "Absolutely, gluten-free meals are labelled at every buffet. Tell the staff your name and they'll help.", 60],
        ["participant", "Great, thanks.", 10],
      ],
      organizerReadAll: true,
    },
    {
      participant: 4,
      startDaysAgo: 2.5,
      lines: [["participant", "Where can I find the Wi-Fi password?", 0]],
    },
    {
      participant: 5,
      startDaysAgo: 2,
      lines: [
        ["participant", "Will the keynote be recorded?", 0],
        ["organizer", "Yes, recordings will be online a week after the event.", 300],
        ["participant", "Good to know, I might miss the first half.", 20],
        ["organizer", "No problem, there is also a live stream in the lounge on level 1.", 12],
      ],
    },
    {
      participant: 6,
      startDaysAgo: 1.5,
      lines: [
        ["participant", "My colleague registered with the wrong email, can you fix it?", 0],
        ["organizer", "Sure, what's the correct address?", 45],
      ],
    },
    {
      participant: 7,
      startDaysAgo: 1,
      lines: [
        ["organizer", "Hi, we noticed your registration is missing a company name for your badge. What should we print?", 0],
        ["participant", "Please print \"Freelance\". Thanks for checking!", 240],
      ],
    },
    {
      participant: 8,
      startDaysAgo: 0.2,
      lines: [
        ["participant", "Is there parking near the venue?", 0],
        ["participant", "Ideally with EV charging 🙂", 2],
      ],
    },
  ],
};

const FRENCH_SCRIPT: EventScript = {
  broadcast: {
    daysAgo: 4,
    recipients: 20,
    idempotencyKey: "5eed0000-0000-4000-8000-000000000002",
    body: "Bienvenue au Sommet du Numérique 2026 !\n\nAccueil à partir de 8 h 30, plénière d'ouverture à 9 h 30. Le programme : https://example.com/sommet-2026/programme",
  },
  conversations: [
    {
      participant: 0,
      startDaysAgo: 3,
      lines: [
        ["participant", "Bonjour, les ateliers sont-ils limités en nombre de places ?", 0],
        ["organizer", "Bonjour, oui : 30 places par atelier, inscription sur place dès l'accueil.", 35],
      ],
    },
    {
      participant: 1,
      startDaysAgo: 2,
      lines: [
        ["participant", "Peut-on obtenir une facture au nom de notre société ?", 0],
        ["organizer", "Bien sûr, envoyez-nous la raison sociale et l'adresse de facturation.", 120],
        ["participant", "C'est noté, je vous les transmets demain.", 15],
      ],
    },
    {
      participant: 2,
      startDaysAgo: 0.5,
      lines: [["participant", "Le vestiaire est-il gratuit ?", 0]],
    },
  ],
};

interface SeedMessage {
  participant_id: string;
  author_side: "organizer" | "participant";
  author_user_id: string | null;
  body: string | null;
  broadcast: boolean;
  created_at: number;
}

interface SeedThread {
  participant_id: string;
  started_by: "organizer" | "participant";
  created_at: string;
  organizer_read_at: string | null;
  participant_read_at: string | null;
}

/**
 * The event's broadcast and conversations, once per event (the broadcast's idempotency key marks them as seeded).
 * Threads and messages are inserted as the messaging functions would write them; messages in time order, so that
 * message ids follow created_at like in real use (the inbox orders by id).
 */
async function seedConversations(
  db: pg.Client,
  eventId: string,
  script: EventScript,
  participantIds: { demo: string | null; generated: string[] },
  organizerIds: string[],
): Promise<number> {
  const seeded = await db.query("select 1 from public.broadcasts where event_id = $1 and idempotency_key = $2", [
    eventId,
    script.broadcast.idempotencyKey,
  ]);
  if (seeded.rowCount) return 0;

  const now = Date.now();
  const idOf = (participant: number | "demo") =>
    participant === "demo" ? participantIds.demo : (participantIds.generated[participant] ?? null);
  const messages: SeedMessage[] = [];
  const broadcastAt = now - script.broadcast.daysAgo * DAY;
  const recipients = [
    ...(participantIds.demo ? [participantIds.demo] : []),
    ...participantIds.generated.slice(0, script.broadcast.recipients),
  ];
  for (const participantId of recipients) {
    messages.push({
      participant_id: participantId,
      author_side: "organizer",
      author_user_id: organizerIds[0],
      body: null,
      broadcast: true,
      created_at: broadcastAt,
    });
  }
  const readState = new Map<string, { organizerReadAll: boolean; participantReadAll: boolean }>();
  script.conversations.forEach((conversation, index) => {
    const participantId = idOf(conversation.participant);
    if (!participantId) return;
    readState.set(participantId, {
      organizerReadAll: conversation.organizerReadAll ?? false,
      participantReadAll: conversation.participantReadAll ?? false,
    });
    let at = now - conversation.startDaysAgo * DAY;
    for (const [side, body, afterMinutes] of conversation.lines) {
      at += afterMinutes * 60_000;
      messages.push({
        participant_id: participantId,
        author_side: side,
        // Alternate organizers across conversations: the team shares every thread.
        author_user_id: side === "organizer" ? organizerIds[index % organizerIds.length] : null,
        body,
        broadcast: false,
        created_at: Math.min(at, now - 60_000),
      });
    }
  });
  messages.sort((a, b) => a.created_at - b.created_at);
  const ordered = messages.map((message, n) => ({ ...message, n }));

  const threads = new Map<string, SeedThread>();
  for (const message of messages) {
    const iso = new Date(message.created_at).toISOString();
    const thread = threads.get(message.participant_id) ?? {
      participant_id: message.participant_id,
      started_by: message.author_side,
      created_at: iso,
      organizer_read_at: null,
      participant_read_at: null,
    };
    const state = readState.get(message.participant_id);
    // Each side has read up to its own messages; broadcast-only threads: half of the recipients read it.
    if (message.author_side === "organizer" || state?.organizerReadAll) thread.organizer_read_at = iso;
    if (message.author_side === "participant" || state?.participantReadAll) thread.participant_read_at = iso;
    if (message.broadcast && !state && threads.size % 2 === 0) thread.participant_read_at = iso;
    threads.set(message.participant_id, thread);
  }

  const broadcast = await db.query<{ id: string }>(
    `insert into public.broadcasts (event_id, sender_user_id, body, audience, recipient_count, idempotency_key, created_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     returning id`,
    [
      eventId,
      organizerIds[0],
      script.broadcast.body,
      JSON.stringify({ kind: "selection", participantIds: recipients }),
      recipients.length,
      script.broadcast.idempotencyKey,
      new Date(broadcastAt).toISOString(),
    ],
  );
  await db.query(
    `insert into public.threads (event_id, participant_id, started_by, created_at, organizer_read_at, participant_read_at)
     select $1, t.participant_id, t.started_by, t.created_at, t.organizer_read_at, t.participant_read_at
     from json_to_recordset($2::json) as t(participant_id uuid, started_by text, created_at timestamptz,
       organizer_read_at timestamptz, participant_read_at timestamptz)
     on conflict (participant_id) do nothing`,
    [eventId, JSON.stringify([...threads.values()])],
  );
  await db.query(
    `insert into public.messages (thread_id, event_id, author_side, author_user_id, body, broadcast_id, created_at)
     select t.id, $1, m.author_side, m.author_user_id, m.body, case when m.broadcast then $3::bigint end,
       to_timestamp(m.created_at / 1000.0)
     from json_to_recordset($2::json)
       as m(n integer, participant_id uuid, author_side text, author_user_id uuid, body text, broadcast boolean,
         created_at float8)
     join public.threads t on t.participant_id = m.participant_id
     order by m.n`,
    [eventId, JSON.stringify(ordered), broadcast.rows[0].id],
  );
  return readState.size;
}

// ---------------------------------------------------------------------------------------------------------------------
// The seed

async function ensureEvent(db: pg.Client, event: { slug: string; name: string; defaultLocale: string }): Promise<string> {
  await db.query(
    "insert into public.events (slug, name, default_locale) values ($1, $2, $3) on conflict (slug) do nothing",
    [event.slug, event.name, event.defaultLocale],
  );
  const { rows } = await db.query<{ id: string }>("select id from public.events where slug = $1", [event.slug]);
  return rows[0].id;
}

/** Ids of the first `count` generated participants of the event (by their deterministic emails). */
async function generatedParticipantIds(db: pg.Client, eventId: string, emails: string[]): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select p.id from unnest($2::text[]) with ordinality as e(email, n)
     join public.participants p on p.event_id = $1 and p.email = e.email
     order by e.n`,
    [eventId, emails],
  );
  return rows.map((row) => row.id);
}

/**
 * Seeds the demo data set (see the top of this file). Idempotent: existing accounts, events, participants, memberships,
 * profiles and settings are kept as they are (edits made in the app survive a restart).
 */
export async function seedDemo(target: SeedTarget, options: SeedOptions = {}): Promise<SeedSummary> {
  const startedAt = performance.now();
  const participantCount = options.participants ?? DEFAULT_PARTICIPANTS;
  if (!Number.isInteger(participantCount) || participantCount < 0) {
    throw new Error(`--participants must be a whole number ≥ 0, not ${participantCount}`);
  }
  const frenchCount = Math.min(200, Math.max(20, Math.round(participantCount / 10)));
  const log = options.log ?? (() => undefined);
  const admin = createClient<Database>(target.supabaseUrl, target.secretKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });

  return withClient(target.postgresUrl, async (db) => {
    const alice = await ensureUser(admin, db, DEMO_ORGANIZER);
    const thomas = await ensureUser(admin, db, DEMO_ORGANIZER_2);
    const translator = await ensureUser(admin, db, DEMO_TRANSLATOR);
    const participantUser = await ensureUser(admin, db, DEMO_PARTICIPANT);

    // 1. Events, team, profiles, settings and the demo participant, in one transaction.
    const { demoEvent, frenchEvent, demoParticipantId } = await inTransaction(db, async () => {
      const demoEvent = await ensureEvent(db, DEMO_EVENT);
      const frenchEvent = await ensureEvent(db, DEMO_EVENT_FR);
      await db.query(
        `insert into public.profiles (user_id, display_name, locale)
         values ($1, $2, 'en'), ($3, $4, 'fr'), ($5, $6, 'fr')
         on conflict (user_id) do nothing`,
        [alice, DEMO_ORGANIZER.displayName, thomas, DEMO_ORGANIZER_2.displayName, translator, DEMO_TRANSLATOR.displayName],
      );
      await db.query(
        `insert into public.event_members (event_id, user_id, role)
         values ($1, $3, 'organizer'), ($2, $3, 'organizer'), ($1, $4, 'organizer'),
           ($1, $5, 'translator'), ($2, $5, 'translator')
         on conflict (event_id, user_id) do nothing`,
        [demoEvent, frenchEvent, alice, thomas, translator],
      );
      await db.query(
        `insert into public.site_settings (event_id, allow_contact_organizer)
         values ($1, true), ($2, true)
         on conflict (event_id) do nothing`,
        [demoEvent, frenchEvent],
      );
      const demoParticipant = await db.query<{ id: string }>(
        `insert into public.participants (event_id, user_id, first_name, last_name, email, company, job_title, registered_at)
         values ($1, $2, $3, $4, $5, $6, $7, now() - interval '45 days')
         on conflict (event_id, email) do update set user_id = coalesce(participants.user_id, excluded.user_id)
         returning id`,
        [
          demoEvent,
          participantUser,
          DEMO_PARTICIPANT.firstName,
          DEMO_PARTICIPANT.lastName,
          DEMO_PARTICIPANT.email,
          DEMO_PARTICIPANT.company,
          DEMO_PARTICIPANT.jobTitle,
        ],
      );
      return { demoEvent, frenchEvent, demoParticipantId: demoParticipant.rows[0].id };
    });

    // 2. Participants (bulk), then 3. each event's conversations (one transaction per event).
    // Registration dates end at the start of today (UTC), so reruns on the same day generate the same rows.
    const registrationEnd = Math.floor(Date.now() / DAY) * DAY;
    let participantsCreated = 0;
    let conversationsSeeded = 0;
    const events = [
      { id: demoEvent, count: participantCount, locale: [en, base], script: DEMO_SCRIPT, organizers: [alice, thomas] },
      { id: frenchEvent, count: frenchCount, locale: [fr, en, base], script: FRENCH_SCRIPT, organizers: [alice] },
    ];
    for (const [index, event] of events.entries()) {
      const faker = new Faker({ locale: event.locale, seed: 2026 + index });
      const firstEmails: string[] = [];
      const batches = function* () {
        for (const batch of participantRows(faker, event.count, registrationEnd)) {
          if (firstEmails.length < 100) firstEmails.push(...batch.slice(0, 100).map((row) => row.email));
          yield batch;
        }
      };
      const eventStartedAt = performance.now();
      const created = await insertParticipants(target.postgresUrl, event.id, batches());
      participantsCreated += created;
      const seconds = ((performance.now() - eventStartedAt) / 1000).toFixed(1);
      log(`${created} of ${event.count} participants created in ${seconds} s`);
      const generated = await generatedParticipantIds(db, event.id, firstEmails);
      conversationsSeeded += await inTransaction(db, () =>
        seedConversations(
          db,
          event.id,
          event.script,
          { demo: index === 0 ? demoParticipantId : null, generated },
          event.organizers,
        ),
      );
    }
    if (participantsCreated > 0 || conversationsSeeded > 0) {
      await db.query("analyze public.participants, public.threads, public.messages");
    }
    return { participantsCreated, conversationsSeeded, seconds: (performance.now() - startedAt) / 1000 };
  });
}

async function inTransaction<T>(db: pg.Client, work: () => Promise<T>): Promise<T> {
  await db.query("begin");
  try {
    const result = await work();
    await db.query("commit");
    return result;
  } catch (error) {
    await db.query("rollback");
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Command line

interface LocalSecrets {
  secretKey: string;
  databasePassword: string;
}

function readLocalSecrets(): LocalSecrets | null {
  const file = join(LOCAL_DIR, "secrets.json");
  if (!existsSync(file)) return null;
  const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (
    typeof parsed === "object" &&
    parsed !== null &&
    "secretKey" in parsed &&
    typeof parsed.secretKey === "string" &&
    "databasePassword" in parsed &&
    typeof parsed.databasePassword === "string"
  ) {
    return { secretKey: parsed.secretKey, databasePassword: parsed.databasePassword };
  }
  return null;
}

async function isAnswering(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      participants: { type: "string" },
      url: { type: "string" },
      "supabase-url": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(`npm run seed -- [--participants N] [--url <postgres URL> [--supabase-url <API URL>]]

  --participants N   participants of the demo event (default ${DEFAULT_PARTICIPANTS}); reruns add the missing ones
  --url              login URL of the postgres role; the API defaults to SUPABASE_URL or http://localhost:54321 and
                     the secret key to SUPABASE_SECRET_KEY or .supabase-local/secrets.json
Without --url: seeds the running local stack (npm run dev / npm run stack), or starts it, seeds and stops it.`);
    return;
  }
  const participants = values.participants === undefined ? DEFAULT_PARTICIPANTS : Number(values.participants);
  const log = (line: string) => console.log(`[seed] ${line}`);
  const local = readLocalSecrets();
  const localApi = "http://localhost:54321";

  let target: SeedTarget;
  let stop: () => Promise<void> = async () => {};
  if (values.url) {
    const secretKey = process.env.SUPABASE_SECRET_KEY ?? local?.secretKey;
    if (!secretKey) throw new Error("no secret key: set SUPABASE_SECRET_KEY");
    target = { postgresUrl: values.url, supabaseUrl: values["supabase-url"] ?? process.env.SUPABASE_URL ?? localApi, secretKey };
  } else if (local && (await isAnswering(`${localApi}/auth/v1/health`))) {
    log(`seeding the running local stack (${localApi})`);
    target = {
      supabaseUrl: localApi,
      secretKey: local.secretKey,
      postgresUrl: `postgresql://postgres:${encodeURIComponent(local.databasePassword)}@127.0.0.1:54322/postgres`,
    };
  } else {
    log("starting the local stack");
    const project = await startLocalProject({ databaseUrl: process.env.DATABASE_URL, log });
    target = { supabaseUrl: project.stack.url, secretKey: project.secrets.secretKey, postgresUrl: project.postgresUrl };
    stop = () => project.stop();
  }
  try {
    const summary = await seedDemo(target, { participants, log });
    log(
      `done in ${summary.seconds.toFixed(1)} s: ${summary.participantsCreated} participants created, ` +
        `${summary.conversationsSeeded} conversations seeded`,
    );
  } finally {
    await stop();
  }
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(`npm run seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
