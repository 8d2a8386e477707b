// The grid's exact count from per-value participant counts (migration 20261207110000): the counts follow every way
// participants change (API and SQL writes, cascades, TRUNCATE, concurrent writers), and the grid's total stays the number
// of participants the filter matches, equal to count_audience.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFunctionWorld, type CreatedEvent, type FunctionWorld, type ParticipantSeed } from "./function-fixtures.ts";

let world: FunctionWorld;
let event: CreatedEvent;

const COMPANIES = ["Johnson & Sons", "JOHNSON & SONS", "Acme", "acme", "100% Pure_Logic", "Back\\Slash", "", null];
const TITLES = ["Manager", "Senior manager", "", null, "CEO"];

function seeds(prefix: string, n: number, offset = 0): ParticipantSeed[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return {
      first_name: ["Ann", "ANN", "Zoë", "Jo_Ann"][i % 4],
      last_name: ["Johnson", "Manson", "O'Brien", "Lee"][(i * 3) % 4],
      email: `${prefix}${i}@counts.test`,
      company: COMPANIES[(i * 5) % COMPANIES.length],
      job_title: TITLES[(i * 7) % TITLES.length],
      registered_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    };
  });
}

beforeAll(async () => {
  world = await createFunctionWorld(inject("cluster"));
  event = await world.addEvent("counts", seeds("seed", 300));
});
afterAll(() => world?.stop());

/** The stored counts of an event equal the counts recomputed from its participants, row for row. */
async function expectCountsMatchParticipants(eventId: string) {
  const { rows } = await world.sql<{ stored: string | null; actual: string | null }>(
    `with actual as (
       select v.column_name, v.value, count(*)::int participant_count
       from public.participants p
       cross join lateral (values ('first_name', lower(p.first_name)), ('last_name', lower(p.last_name)),
         ('company', lower(p.company)), ('job_title', lower(p.job_title))) v (column_name, value)
       where p.event_id = $1 group by 1, 2),
     stored as (select column_name, value, participant_count from private.participant_value_counts
       where event_id = $1 and participant_count > 0)
     select (select jsonb_agg(s order by s.column_name, s.value) from stored s)::text stored,
            (select jsonb_agg(a order by a.column_name, a.value) from actual a)::text actual`,
    [eventId],
  );
  expect(rows[0].stored).toBe(rows[0].actual);
}

const QUERIES: Record<string, unknown>[] = [
  {},
  { filters: [{ column: "company", operator: "contains", value: "son" }] },
  { filters: [{ column: "company", operator: "contains", value: "100%" }] },
  { filters: [{ column: "company", operator: "contains", value: "_" }] },
  { filters: [{ column: "company", operator: "contains", value: "\\" }] },
  { filters: [{ column: "company", operator: "equals", value: "ACME" }] },
  { filters: [{ column: "company", operator: "starts_with", value: "johnson &" }] },
  { filters: [{ column: "company", operator: "is_empty" }] },
  { filters: [{ column: "company", operator: "is_not_empty" }] },
  { filters: [{ column: "job_title", operator: "contains", value: "MAN" }] },
  { filters: [{ column: "job_title", operator: "is_empty" }] },
  { filters: [{ column: "first_name", operator: "equals", value: "ann" }] },
  { filters: [{ column: "first_name", operator: "contains", value: "o_a" }] },
  { filters: [{ column: "last_name", operator: "starts_with", value: "o'" }] },
  { filters: [{ column: "last_name", operator: "contains", value: "SON" }] },
];

/** A participant matches a single-filter query: what participant_where means, written in TypeScript. */
function matches(p: { first_name: string; last_name: string; company: string | null; job_title: string | null }, query: Record<string, unknown>) {
  const filter = (query.filters as { column: keyof typeof p; operator: string; value?: string }[] | undefined)?.[0];
  if (!filter) return true;
  const raw = p[filter.column];
  const value = raw === null ? null : raw.toLowerCase();
  const term = (filter.value ?? "").toLowerCase();
  switch (filter.operator) {
    case "contains":
      return value !== null && value.includes(term);
    case "equals":
      return value === term;
    case "starts_with":
      return value !== null && value.startsWith(term);
    case "is_empty":
      return value === null || value === "";
    case "is_not_empty":
      return value !== null && value !== "";
    default:
      throw new Error(`no reference for ${filter.operator}`);
  }
}

/** For each query: the grid's total is the number of the event's participants it matches, and count_audience agrees. */
async function expectExactTotals(eventId: string) {
  await expectCountsMatchParticipants(eventId);
  const { rows: participants } = await world.sql<{ first_name: string; last_name: string; company: string | null; job_title: string | null }>(
    "select first_name, last_name, company, job_title from public.participants where event_id = $1",
    [eventId],
  );
  let nonEmpty = 0;
  for (const query of QUERIES) {
    const expected = participants.filter((p) => matches(p, query)).length;
    const { data, error } = await world.as.organizerA.rpc("participants_grid", { target_event_id: eventId, query: { ...query, limit: 1 } });
    expect(error).toBeNull();
    expect((data as { total: number }).total, JSON.stringify(query)).toBe(expected);
    const audience = await world.as.organizerA.rpc("count_audience", { target_event_id: eventId, audience: { kind: "view", ...query } });
    expect(audience.data, JSON.stringify(query)).toBe(expected);
    if (expected > 0 && expected < participants.length) nonEmpty++;
  }
  expect(nonEmpty).toBeGreaterThan(8); // the queries match some participants, not none or all: the check is not vacuous
}

describe("per-value participant counts", () => {
  it("count the participants seeded in one statement", async () => {
    await expectExactTotals(event.id);
  });

  it("follow an organizer's inserts, updates and deletes through the API (RLS on)", async () => {
    const organizer = world.as.organizerA;
    const added = seeds("api", 40, 1000).map((p) => ({ ...p, event_id: event.id }));
    expect((await organizer.from("participants").insert(added)).error).toBeNull();
    await expectExactTotals(event.id);

    // A new value, a case-only change (same lower-cased value), a value to null and null to a value.
    const ids = (await world.sql<{ id: string }>("select id from public.participants where event_id = $1 order by email limit 4", [event.id])).rows.map((r) => r.id);
    expect((await organizer.from("participants").update({ company: "Brand New Ltd" }).eq("id", ids[0])).error).toBeNull();
    expect((await organizer.from("participants").update({ company: "ACME", job_title: "MANAGER" }).in("id", ids.slice(1, 3))).error).toBeNull();
    expect((await organizer.from("participants").update({ company: null, first_name: "Zoë" }).eq("id", ids[3])).error).toBeNull();
    await expectExactTotals(event.id);
    expect((await organizer.from("participants").update({ company: "Johnson & Sons" }).eq("id", ids[3])).error).toBeNull();
    // An update that leaves the counted columns alone writes no count (no row gets a new version).
    const versions = () =>
      world.sql("select value, xmin::text from private.participant_value_counts where event_id = $1 order by column_name, value", [event.id]);
    const before = (await versions()).rows;
    expect((await organizer.from("participants").update({ registered_at: "2026-09-01T00:00:00Z" }).eq("event_id", event.id)).error).toBeNull();
    expect((await versions()).rows).toEqual(before);
    await expectExactTotals(event.id);

    expect((await organizer.from("participants").delete().like("email", "api1%")).error).toBeNull();
    await expectExactTotals(event.id);
  });

  it("follow SQL writes: skipped duplicates, a participant moved to another event, a deleted event", async () => {
    const other = await world.addEvent("counts-other", seeds("other", 30));
    // on conflict do nothing: only the inserted rows count.
    await world.sql(
      `insert into public.participants (event_id, first_name, last_name, email, company, job_title)
       values ($1, 'Dup', 'Licate', 'seed1@counts.test', 'Acme', 'CEO'), ($1, 'New', 'Comer', 'fresh@counts.test', 'Acme', 'CEO')
       on conflict (event_id, email) do nothing`,
      [event.id],
    );
    await world.sql("update public.participants set event_id = $2 where email = 'fresh@counts.test' and event_id = $1", [event.id, other.id]);
    await expectExactTotals(event.id);
    await expectExactTotals(other.id);

    await world.sql("delete from public.events where id = $1", [other.id]);
    const { rows } = await world.sql<{ n: number }>("select count(*)::int n from private.participant_value_counts where event_id = $1", [other.id]);
    expect(rows[0].n).toBe(0);
    await expectExactTotals(event.id);
  });

  it("are emptied by TRUNCATE", async () => {
    const client = new pg.Client({ connectionString: world.stack.roles.postgres });
    await client.connect();
    try {
      await client.query("begin");
      await client.query("truncate public.participants");
      const { rows } = await client.query<{ n: number }>("select count(*)::int n from private.participant_value_counts");
      expect(rows[0].n).toBe(0);
    } finally {
      await client.query("rollback");
      await client.end();
    }
    await expectExactTotals(event.id);
  });

  it("stay exact under concurrent writers sharing values", async () => {
    const concurrent = await world.addEvent("counts-concurrent", seeds("base", 10));
    // Eight organizers' requests at once, each inserting rows that share companies, titles and names with the others,
    // in different orders; then concurrent updates and deletes.
    const inserts = Array.from({ length: 8 }, (_, k) =>
      world.as.organizerA.from("participants").insert(
        seeds(`c${k}-`, 25, k * 7).reverse().map((p) => ({ ...p, event_id: concurrent.id })),
      ),
    );
    for (const result of await Promise.all(inserts)) expect(result.error).toBeNull();
    const updates = ["Acme", "Johnson & Sons", "Back\\Slash", null].map((company, k) =>
      world.as.organizerA.from("participants").update({ company }).eq("event_id", concurrent.id).like("email", `c${k}-%`),
    );
    const deletes = [5, 6].map((k) => world.as.organizerA.from("participants").delete().like("email", `c${k}-%`));
    for (const result of await Promise.all([...updates, ...deletes])) expect(result.error).toBeNull();
    await expectExactTotals(concurrent.id);
  });

  it("count only a lone filter: with a search or the connected filter, the grid counts the participants", async () => {
    const company = { column: "company", operator: "contains", value: "son" };
    const { rows } = await world.sql<{ id: string; last_name: string }>(
      "select id, last_name from public.participants where event_id = $1 and lower(company) like '%son%' order by id",
      [event.id],
    );
    const connectedIds = [rows[0].id, rows[1].id, randomUUID()];
    const cases: [Record<string, unknown>, number][] = [
      [{ filters: [company], connectedIds }, rows.length], // connectedIds alone filter nothing
      [{ filters: [company], connected: "active", connectedIds }, 2],
      [{ filters: [company], connected: "inactive", connectedIds }, rows.length - 2],
      [{ filters: [company], search: "LEE" }, rows.filter((r) => r.last_name === "Lee").length],
      [{ filters: [company, company] }, rows.length],
    ];
    for (const [query, expected] of cases) {
      const { data, error } = await world.as.organizerA.rpc("participants_grid", { target_event_id: event.id, query });
      expect(error).toBeNull();
      expect((data as { total: number }).total, JSON.stringify(query)).toBe(expected);
    }
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.filter((r) => r.last_name === "Lee").length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.last_name === "Lee").length).toBeLessThan(rows.length);
  });

  it("are not readable or writable through the API", async () => {
    for (const client of [world.as.organizerA, world.as.anon]) {
      const read = await client.schema("private").from("participant_value_counts").select("*");
      expect(read.data).toBeNull();
      expect(read.error).not.toBeNull();
    }
    const { rows } = await world.sql<{ select: boolean; insert: boolean }>(
      `select has_table_privilege('authenticated', 'private.participant_value_counts', 'select') as select,
              has_table_privilege('authenticated', 'private.participant_value_counts', 'insert') as insert`,
    );
    expect(rows[0]).toEqual({ select: false, insert: false });
  });

  it("a send to a one-filter view reaches exactly the participants the grid counts", async () => {
    const view = { filters: [{ column: "company", operator: "contains", value: "SON" }] };
    const { data } = await world.as.organizerA.rpc("participants_grid", { target_event_id: event.id, query: view });
    const total = (data as { total: number }).total;
    expect(total).toBeGreaterThan(0);
    const sent = await world.as.organizerA.rpc("send_broadcast", {
      target_event_id: event.id, body: "Counted hello", audience: { kind: "view", ...view }, idempotency_key: randomUUID(),
    });
    expect(sent.error).toBeNull();
    expect((sent.data as { recipient_count: number }).recipient_count).toBe(total);
  });
});
