// Database benchmark: `npm run bench -- db`. A throw-away cluster with the app's migrations and a stack in this process;
// every call goes through supabase-js and the REST layer as a signed-in organizer or participant (RLS on).
// - SEND NOW (send_broadcast) to 1,000 / 10,000 / 100,000 participants, half of them with an existing thread, versus
//   the naive way (one call per recipient) at 1,000 and 10,000;
// - the participants grid at 100,000 participants: a page with exact count, with and without search, p50/p95;
// - a participant reading their conversation under RLS versus the service role.
import { randomUUID } from "node:crypto";
import { cpus, totalmem } from "node:os";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { createTestStack, startTestCluster, userAccessToken, type TestStack } from "../supabase/local/testing.ts";
import { seedRealisticParticipants } from "../scripts/seed.ts";
import { record } from "./results.ts";
import { percentile } from "./stats.ts";

const SIZES = [1_000, 10_000, 100_000];
const GRID_SIZE = 100_000;
// BENCH_PARTS=grid (comma-separated: send, naive, grid, rls) runs only those parts.
const PARTS = new Set((process.env.BENCH_PARTS ?? "send,naive,grid,rls").split(","));
// The naive way takes minutes (one round trip per recipient): BENCH_NAIVE=0 skips it.
const NAIVE_SIZES = process.env.BENCH_NAIVE === "0" || !PARTS.has("naive") ? [] : [1_000, 10_000];
const RUNS = 3;

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function userClient(stack: TestStack, userId: string, email: string): Promise<SupabaseClient> {
  const token = await userAccessToken(stack.keys, userId, { email, exp: Math.floor(Date.now() / 1000) + 7200 });
  return createClient(stack.url, stack.keys.publishableKey, { accessToken: async () => token, auth: { persistSession: false } });
}

async function setUp(sql: pg.Client, postgresUrl: string) {
  const organizer = randomUUID();
  const participantUser = randomUUID();
  await sql.query(
    `insert into auth.users (id, email, aud, role, created_at, updated_at) values
       ($1, 'organizer@bench.test', 'authenticated', 'authenticated', now(), now()),
       ($2, 'participant@bench.test', 'authenticated', 'authenticated', now(), now())`,
    [organizer, participantUser],
  );
  await sql.query("insert into public.profiles (user_id, display_name) values ($1, 'Bench Organizer')", [organizer]);
  const events: Record<number, string> = {};
  for (const size of SIZES) {
    const { rows } = await sql.query<{ id: string }>(
      "insert into public.events (slug, name) values ($1, $2) returning id",
      [`bench-${size}`, `Bench ${size}`],
    );
    events[size] = rows[0].id;
    await sql.query("insert into public.event_members (event_id, user_id, role) values ($1, $2, 'organizer')", [rows[0].id, organizer]);
    await sql.query(
      `insert into public.participants (event_id, first_name, last_name, email, company, job_title, registered_at)
       select $1, initcap(md5(g::text || 'f')::text), initcap(md5(g::text || 'l')::text), 'p' || g || '@bench.test',
              'Company ' || (g % 500), 'Title ' || (g % 40), now() - (g % 60) * interval '1 day'
       from generate_series(1, $2) g`,
      [rows[0].id, size],
    );
  }
  // The grid is measured on realistic people (faker names, companies, job titles), as the seed creates them: synthetic
  // strings would share trigrams unrealistically (every "Company N" contains "ny ") or none at all.
  const { rows: [gridEvent] } = await sql.query<{ id: string }>(
    "insert into public.events (slug, name) values ('bench-grid', 'Bench grid') returning id",
  );
  await sql.query("insert into public.event_members (event_id, user_id, role) values ($1, $2, 'organizer')", [gridEvent.id, organizer]);
  // Timed: what the triggers on participants (the grid's per-value counts) add to an import.
  const seedStarted = performance.now();
  await seedRealisticParticipants(postgresUrl, gridEvent.id, GRID_SIZE);
  const seedMs = performance.now() - seedStarted;
  console.log(`seeded ${GRID_SIZE.toLocaleString("en")} realistic participants in ${ms(seedMs)}`);
  record({
    id: "db.seed.grid",
    measure: `insert ${GRID_SIZE.toLocaleString("en")} realistic participants into an event`,
    result: `${(seedMs / 1000).toFixed(1)} s (${(1000 * seedMs / GRID_SIZE).toFixed(0)} µs per participant)`,
    method: "seedRealisticParticipants: batches of 5,000 rows, 2 connections, each batch one INSERT … SELECT that commits",
  });
  await sql.query("analyze");
  return { organizer, participantUser, events, gridEvent: gridEvent.id };
}

/** Resets an event to "half of the participants have a thread, no messages". Not timed. */
async function halfThreads(sql: pg.Client, eventId: string) {
  await sql.query("delete from public.broadcasts where event_id = $1", [eventId]);
  await sql.query("delete from public.threads where event_id = $1", [eventId]);
  await sql.query(
    `insert into public.threads (event_id, participant_id, started_by)
     select event_id, id, 'organizer' from (select event_id, id, row_number() over (order by id) n from public.participants where event_id = $1) p
     where n % 2 = 0`,
    [eventId],
  );
  await sql.query("vacuum analyze public.threads, public.messages");
}

/**
 * The grid at GRID_SIZE realistic participants: each query through REST (supabase-js → stack → PostgreSQL, as the
 * organizer) and the same function called in SQL on one connection as the same user, so the REST layer's share shows.
 */
async function benchGrid(stack: TestStack, sql: pg.Client, organizerClient: SupabaseClient, organizer: string, eventId: string) {
  await sql.query("vacuum analyze"); // a steady-state database: visibility map set, statistics fresh
  const calls = 60;
  console.log(`\nParticipants grid at ${GRID_SIZE.toLocaleString("en")} realistic participants (page of 50 + exact count), ${calls} calls each, first 10 dropped`);
  const grids: [string, Record<string, unknown>][] = [
    ["first page, sorted by last name", {}],
    ["search 'mar' (trigram)", { search: "mar" }],
    ["search 'jo' (prefix, 2 characters)", { search: "jo" }],
    ["search 'wilson' (a last name)", { search: "wilson" }],
    ["company contains 'son', sort by registration date desc", { filters: [{ column: "company", operator: "contains", value: "son" }], sort: { column: "registered_at", direction: "desc" } }],
    ["job title contains 'manager' and company starts with 'b'", { filters: [{ column: "job_title", operator: "contains", value: "manager" }, { column: "company", operator: "starts_with", value: "b" }] }],
    ["email contains 'smith'", { filters: [{ column: "email", operator: "contains", value: "smith" }] }],
    ["job title is empty, sort by email desc", { filters: [{ column: "job_title", operator: "is_empty" }], sort: { column: "email", direction: "desc" } }],
    ["page 100 (offset 5,000)", { offset: 5000 }],
  ];
  const direct = new pg.Client({ connectionString: stack.roles.postgres });
  await direct.connect();
  try {
    const claims = JSON.stringify({ sub: organizer, role: "authenticated" });
    for (const [label, query] of grids) {
      const viaRest: number[] = [];
      const inSql: number[] = [];
      let total = 0;
      for (let i = 0; i < calls; i++) {
        const started = performance.now();
        const { data, error } = await organizerClient.rpc("participants_grid", { target_event_id: eventId, query: { limit: 50, ...query } });
        viaRest.push(performance.now() - started);
        if (error) throw new Error(error.message);
        total = (data as { total: number }).total;
      }
      for (let i = 0; i < calls; i++) {
        const started = performance.now();
        // As the REST layer does: BEGIN and the caller's settings in one simple-query round trip, the call, COMMIT.
        await direct.query(`begin; set local role authenticated; select set_config('request.jwt.claims', ${direct.escapeLiteral(claims)}, true)`);
        await direct.query("select public.participants_grid($1, $2)", [eventId, { limit: 50, ...query }]);
        await direct.query("commit");
        inSql.push(performance.now() - started);
      }
      viaRest.splice(0, 10);
      inSql.splice(0, 10);
      console.log(`  ${label} (${total.toLocaleString("en")} match): REST p50 ${ms(percentile(viaRest, 50))}, p95 ${ms(percentile(viaRest, 95))}; SQL p50 ${ms(percentile(inSql, 50))}, p95 ${ms(percentile(inSql, 95))}`);
      recordGrid(label, total, calls, viaRest, inSql);
    }
  } finally {
    await direct.end();
  }
}

function recordGrid(label: string, total: number, calls: number, viaRest: number[], inSql: number[]) {
  record({
    id: `db.grid.${label}`,
    measure: `grid at ${GRID_SIZE.toLocaleString("en")}: ${label} (${total.toLocaleString("en")} match), page of 50 + exact count`,
    result: `p50 ${ms(percentile(viaRest, 50))}, p95 ${ms(percentile(viaRest, 95))} (in SQL: p95 ${ms(percentile(inSql, 95))})`,
    goal: "p95 < 25 ms",
    met: percentile(viaRest, 95) < 25,
    method: `rpc("participants_grid") through REST as the organizer, ${calls} calls, first 10 dropped; realistic faker participants`,
  });
}

async function main() {
  const { cluster, stop } = await startTestCluster();
  const stack = await createTestStack(cluster);
  const sql = new pg.Client({ connectionString: stack.roles.postgres });
  await sql.connect();
  try {
    const { organizer, participantUser, events, gridEvent } = await setUp(sql, stack.roles.postgres);
    const organizerClient = await userClient(stack, organizer, "organizer@bench.test");
    console.log(`db bench on ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);

    console.log("\nSEND NOW (send_broadcast through REST, half the recipients with an existing thread)");
    const perRecipient: Record<number, number> = {};
    for (const size of PARTS.has("send") ? SIZES : []) {
      const times: number[] = [];
      const goal = size === 10_000 ? 250 : size === 100_000 ? 2000 : undefined;
      const row = {
        id: `db.send.${size}`,
        measure: `SEND NOW to ${size.toLocaleString("en")} participants, median of ${RUNS}`,
        goal: goal === undefined ? undefined : `< ${goal < 1000 ? `${goal} ms` : `${goal / 1000} s`}`,
        method: 'rpc("send_broadcast") through REST as the organizer, audience = the whole event, half with a thread',
      };
      for (let run = 0; run < RUNS; run++) {
        await halfThreads(sql, events[size]);
        const started = performance.now();
        const { data, error } = await organizerClient.rpc("send_broadcast", {
          target_event_id: events[size], body: "Doors open in 10 minutes: welcome!", audience: { kind: "view" }, idempotency_key: randomUUID(),
        });
        times.push(performance.now() - started);
        if (error || (data as { recipient_count: number }).recipient_count !== size) {
          const failure = `send to ${size} failed: ${error?.message ?? JSON.stringify(data)}`;
          record({ ...row, result: `run ${run + 1} failed after ${ms(times[run])}: ${error?.message ?? JSON.stringify(data)}`, met: goal === undefined ? undefined : false });
          throw new Error(failure);
        }
      }
      const median = percentile(times, 50);
      perRecipient[size] = median / size;
      console.log(`  ${size.toLocaleString("en")} recipients: median ${ms(median)} (runs ${times.map(ms).join(", ")}), ${(1000 * median / size).toFixed(2)} µs/recipient`);
      record({ ...row, result: `${ms(median)} (runs ${times.map((t) => t.toFixed(0)).join(", ")})`, met: goal === undefined ? undefined : median < goal });
    }

    console.log("\nNaive way: one send per recipient (selection of one), sequential, through REST");
    for (const size of NAIVE_SIZES) {
      await halfThreads(sql, events[size]);
      const { rows } = await sql.query<{ id: string }>("select id from public.participants where event_id = $1", [events[size]]);
      const started = performance.now();
      for (const { id } of rows) {
        const { error } = await organizerClient.rpc("send_broadcast", {
          target_event_id: events[size], body: "Doors open in 10 minutes: welcome!",
          audience: { kind: "selection", participantIds: [id] }, idempotency_key: randomUUID(),
        });
        if (error) throw new Error(error.message);
      }
      const elapsed = performance.now() - started;
      console.log(`  ${size.toLocaleString("en")} recipients: ${ms(elapsed)}, ${(1000 * elapsed / size).toFixed(1)} µs/recipient = ${(elapsed / size / perRecipient[size]).toFixed(0)}× the set-based send`);
      const factor = elapsed / size / perRecipient[size];
      record({
        id: `db.naive.${size}`,
        measure: `naive way vs SEND NOW, ${size.toLocaleString("en")} recipients`,
        result: Number.isFinite(factor) ? `${(elapsed / 1000).toFixed(1)} s: ${factor.toFixed(0)}× slower` : `${(elapsed / 1000).toFixed(1)} s`,
        goal: "SEND NOW ≥ 50× faster",
        met: Number.isFinite(factor) ? factor >= 50 : undefined,
        method: "one send_broadcast call per recipient (a selection of one), sequential, through REST",
      });
    }

    if (PARTS.has("grid")) await benchGrid(stack, sql, organizerClient, organizer, gridEvent);

    if (!PARTS.has("rls")) return;
    console.log("\nA participant reads their conversation (200 messages) under RLS vs the service role, 100 calls each");
    const { rows: [participant] } = await sql.query<{ id: string }>(
      "update public.participants set user_id = $1 where id = (select id from public.participants where event_id = $2 order by id limit 1) returning id",
      [participantUser, events[1_000]],
    );
    await sql.query("delete from public.threads where participant_id = $1", [participant.id]);
    const { rows: [thread] } = await sql.query<{ id: string }>(
      "insert into public.threads (event_id, participant_id, started_by) values ($1, $2, 'organizer') returning id", [events[1_000], participant.id]);
    await sql.query(
      `insert into public.messages (thread_id, event_id, author_side, author_user_id, body)
       select $1, $2, case when g % 2 = 0 then 'organizer' else 'participant' end, case when g % 2 = 0 then $3::uuid else $4::uuid end, 'message ' || g
       from generate_series(1, 200) g`,
      [thread.id, events[1_000], organizer, participantUser],
    );
    await sql.query("analyze public.messages");
    const participantClient = await userClient(stack, participantUser, "participant@bench.test");
    const service = createClient(stack.url, stack.keys.secretKey, { auth: { persistSession: false } });
    const read = async (client: SupabaseClient) => {
      const times: number[] = [];
      for (let i = 0; i < 110; i++) {
        const started = performance.now();
        const { data, error } = await client.from("conversation_messages").select("*").eq("thread_id", thread.id).order("id").limit(200);
        times.push(performance.now() - started);
        if (error || data.length !== 200) throw new Error(error?.message ?? `read ${data?.length} messages`);
      }
      return times.slice(10);
    };
    const rls = await read(participantClient);
    const bypass = await read(service);
    console.log(`  participant (RLS): p50 ${ms(percentile(rls, 50))}, p95 ${ms(percentile(rls, 95))}`);
    console.log(`  service role:      p50 ${ms(percentile(bypass, 50))}, p95 ${ms(percentile(bypass, 95))}`);
    const ratio = percentile(rls, 50) / percentile(bypass, 50);
    console.log(`  ratio of medians: ${ratio.toFixed(2)}`);
    record({
      id: "db.rls",
      measure: "RLS overhead: a participant reads their 200-message conversation, vs the service role",
      result: `${ms(percentile(rls, 50))} vs ${ms(percentile(bypass, 50))}: ${ratio.toFixed(2)}×`,
      goal: "≤ 1.5×",
      met: ratio <= 1.5,
      method: "conversation_messages through REST, 110 calls each, first 10 dropped, ratio of medians",
    });
  } finally {
    await sql.end();
    await stack.stop();
    await stop();
  }
}

await main();
