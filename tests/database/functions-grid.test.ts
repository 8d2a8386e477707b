// participants_grid and count_audience through supabase-js, as each role.
import type { PostgrestSingleResponse } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFunctionWorld, EVENT_A_PARTICIPANTS, type CreatedEvent, type FunctionWorld, type ParticipantSeed } from "./function-fixtures.ts";

let world: FunctionWorld;
beforeAll(async () => {
  world = await createFunctionWorld(inject("cluster"));
});
afterAll(() => world?.stop());

interface GridRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  company: string | null;
  job_title: string | null;
  registered_at: string;
  has_account: boolean;
}
interface Grid {
  total: number;
  rows: GridRow[];
}

function expectFailure(result: PostgrestSingleResponse<unknown>, status: number, code: string) {
  expect(result.error, `expected ${code}`).toMatchObject({ code: `PT${status}`, message: code });
  expect(result.status).toBe(status);
  expect(result.data).toBeNull();
}

async function grid(query: unknown, as: keyof FunctionWorld["as"] = "organizerA", event = world.eventA.id) {
  return world.as[as].rpc("participants_grid", { target_event_id: event, query });
}

async function gridOk(query: unknown): Promise<Grid> {
  const { data, error, status } = await grid(query);
  expect(error).toBeNull();
  expect(status).toBe(200);
  return data as Grid;
}

const lastNames = (g: Grid) => g.rows.map((r) => r.last_name);

type SortColumn = "first_name" | "last_name" | "email" | "company" | "job_title" | "registered_at";
/** The order the grid promises: the column (nulls last both ways), then for names the other name. */
function expectedOrder(column: SortColumn, direction: "asc" | "desc"): string[] {
  const key = (p: ParticipantSeed): (string | null)[] =>
    column === "last_name" ? [p.last_name, p.first_name] : column === "first_name" ? [p.first_name, p.last_name] : [p[column] ?? null];
  const sign = direction === "asc" ? 1 : -1;
  return [...EVENT_A_PARTICIPANTS]
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < x.length; i++) {
        if (x[i] === y[i]) continue;
        if (x[i] === null) return 1;
        if (y[i] === null) return -1;
        return (x[i]! < y[i]! ? -1 : 1) * sign;
      }
      return 0;
    })
    .map((p) => p.last_name);
}

describe("participants_grid", () => {
  it("returns the exact total and one page of rows, sorted by last name by default", async () => {
    const result = await gridOk({});
    expect(result.total).toBe(7);
    expect(lastNames(result)).toEqual(expectedOrder("last_name", "asc"));
    const ada = result.rows.find((r) => r.last_name === "Lovelace");
    expect(ada).toMatchObject({ first_name: "Ada", email: "ada@example.test", company: "Analytical Engines", has_account: true });
    expect(new Date(ada!.registered_at).toISOString()).toBe("2026-01-10T10:00:00.000Z");
    expect(result.rows.filter((r) => r.has_account).map((r) => r.last_name).sort()).toEqual(["Lovelace", "Turing"]);
  });

  it("searches 3+ characters anywhere in names, email, company and job title, case-insensitively", async () => {
    expect(lastNames(await gridOk({ search: "LOVEL" }))).toEqual(["Lovelace"]);
    expect(lastNames(await gridOk({ search: "bletchley" }))).toEqual(["Turing"]);
    expect(lastNames(await gridOk({ search: "kernel hac" }))).toEqual(["Torvalds"]);
    expect(lastNames(await gridOk({ search: "grace@exa" }))).toEqual(["Hopper"]);
    expect(lastNames(await gridOk({ search: "  ring  " }))).toEqual(["Turing"]);
    const none = await gridOk({ search: "zzzz" });
    expect(none).toEqual({ total: 0, rows: [] });
  });

  it("searches 1–2 characters as a first or last name prefix", async () => {
    expect(lastNames(await gridOk({ search: "Tu" }))).toEqual(["Turing"]);
    expect(lastNames(await gridOk({ search: "g" }))).toEqual(["Hopper"]);
    expect(lastNames(await gridOk({ search: "a" }))).toEqual(["Lovelace", "Turing"]);
    // contained but not a prefix: no match on the short path
    expect((await gridOk({ search: "ur" })).total).toBe(0);
    expect((await gridOk({ search: "mi" })).total).toBe(0);
  });

  it("treats LIKE wildcards in the search as text", async () => {
    expect((await gridOk({ search: "%" })).total).toBe(0);
    expect((await gridOk({ search: "_" })).total).toBe(0);
    expect((await gridOk({ search: "%%%" })).total).toBe(0);
    expect(lastNames(await gridOk({ search: "100% pure_" }))).toEqual(["Dijkstra"]);
  });

  it("filters text columns with contains, equals, starts_with, is_empty and is_not_empty", async () => {
    const f = (column: string, operator: string, value?: string) => gridOk({ filters: [{ column, operator, value }] });
    expect(lastNames(await f("first_name", "contains", "RA"))).toEqual(["Hopper", "Newcomer"]);
    expect(lastNames(await f("last_name", "equals", "turing"))).toEqual(["Turing"]);
    expect((await f("last_name", "equals", "turin")).total).toBe(0);
    expect(lastNames(await f("email", "starts_with", "ED"))).toEqual(["Dijkstra"]);
    expect((await f("email", "starts_with", "example")).total).toBe(0);
    expect(lastNames(await f("company", "is_empty"))).toEqual(["Torvalds"]);
    expect((await f("company", "is_not_empty")).total).toBe(6);
    expect(lastNames(await f("job_title", "is_empty"))).toEqual(["Hamilton"]);
    expect(lastNames(await f("job_title", "contains", "admiral"))).toEqual(["Hopper"]);
    expect(lastNames(await f("company", "starts_with", "us "))).toEqual(["Hopper"]);
    // wildcards in values are text
    expect((await f("company", "starts_with", "%")).total).toBe(0);
    expect((await f("company", "contains", "_")).rows.map((r) => r.last_name)).toEqual(["Dijkstra"]);
  });

  it("filters registered_at with before and after, and combines filters with AND", async () => {
    const before = await gridOk({ filters: [{ column: "registered_at", operator: "before", value: "2026-03-01" }] });
    expect(lastNames(before)).toEqual(["Lovelace", "Turing"]);
    const after = await gridOk({ filters: [{ column: "registered_at", operator: "after", value: "2026-06-01" }] });
    expect(lastNames(after)).toEqual(["Dijkstra", "Newcomer"]);
    const both = await gridOk({
      search: "example",
      filters: [
        { column: "company", operator: "is_not_empty" },
        { column: "registered_at", operator: "before", value: "2026-04-15" },
      ],
    });
    expect(lastNames(both)).toEqual(["Hopper", "Lovelace", "Turing"]);
    expect(both.total).toBe(3);
  });

  it("filters on connected: active and inactive against connectedIds, ignoring ids of other events", async () => {
    const a = world.eventA.participants;
    const connectedIds = [a["ada@example.test"], a["grace@example.test"], world.eventB.participants["bob@example.test"]];
    const active = await gridOk({ connected: "active", connectedIds });
    expect(lastNames(active)).toEqual(["Hopper", "Lovelace"]);
    expect(active.total).toBe(2);
    const inactive = await gridOk({ connected: "inactive", connectedIds });
    expect(inactive.total).toBe(5);
    expect(lastNames(inactive)).not.toContain("Lovelace");
    expect((await gridOk({ connected: "active", connectedIds: [] })).total).toBe(0);
    expect((await gridOk({ connected: "inactive" })).total).toBe(7);
    expect((await gridOk({ connected: null, connectedIds })).total).toBe(7);
    const combined = await gridOk({ connected: "active", connectedIds, search: "gra" });
    expect(lastNames(combined)).toEqual(["Hopper"]);
  });

  for (const column of ["first_name", "last_name", "email", "company", "job_title", "registered_at"] as const) {
    for (const direction of ["asc", "desc"] as const) {
      it(`sorts by ${column} ${direction} (nulls last)`, async () => {
        expect(lastNames(await gridOk({ sort: { column, direction } }))).toEqual(expectedOrder(column, direction));
      });
    }
  }

  it("pages with offset and limit, the total staying exact", async () => {
    const all = lastNames(await gridOk({ sort: { column: "email", direction: "asc" } }));
    const pages: string[] = [];
    for (let offset = 0; offset < 7; offset += 3) {
      const page = await gridOk({ sort: { column: "email", direction: "asc" }, offset, limit: 3 });
      expect(page.total).toBe(7);
      expect(page.rows.length).toBe(Math.min(3, 7 - offset));
      pages.push(...lastNames(page));
    }
    expect(pages).toEqual(all);
    expect(await gridOk({ offset: 7, limit: 1 })).toEqual({ total: 7, rows: [] });
    expect(await gridOk({ offset: 1000, limit: 500 })).toEqual({ total: 7, rows: [] });
    expect((await gridOk({ limit: 1, search: "a" })).total).toBe(2);
  });

  it.each([
    ["a query that is not an object", [], "invalid_query"],
    ["an unknown sort column", { sort: { column: "id; drop table public.participants", direction: "asc" } }, "invalid_sort"],
    ["sorting by a hidden column", { sort: { column: "user_id" } }, "invalid_sort"],
    ["an unknown sort direction", { sort: { column: "email", direction: "sideways" } }, "invalid_sort"],
    ["a negative offset", { offset: -1 }, "invalid_page"],
    ["a zero limit", { limit: 0 }, "invalid_page"],
    ["a limit over 500", { limit: 501 }, "invalid_page"],
    ["a non-numeric limit", { limit: "ten" }, "invalid_page"],
    ["a fractional offset", { offset: 1.5 }, "invalid_page"],
    ["filters that are not an array", { filters: { column: "email" } }, "invalid_filters"],
    ["an unknown filter column", { filters: [{ column: "user_id", operator: "equals", value: "x" }] }, "invalid_filter_column"],
    ["a filter that is not an object", { filters: ["email"] }, "invalid_filter_column"],
    ["a date operator on a text column", { filters: [{ column: "email", operator: "before", value: "2026-01-01" }] }, "invalid_filter_operator"],
    ["a text operator on registered_at", { filters: [{ column: "registered_at", operator: "contains", value: "2026" }] }, "invalid_filter_operator"],
    ["an unknown operator", { filters: [{ column: "email", operator: "regex", value: ".*" }] }, "invalid_filter_operator"],
    ["a missing operator", { filters: [{ column: "email", value: "x" }] }, "invalid_filter_operator"],
    ["contains without a value", { filters: [{ column: "email", operator: "contains" }] }, "invalid_filter_value"],
    ["equals with an empty value", { filters: [{ column: "email", operator: "equals", value: "" }] }, "invalid_filter_value"],
    ["a date filter on a non-date", { filters: [{ column: "registered_at", operator: "before", value: "yesterday" }] }, "invalid_filter_value"],
    ["a date filter without a value", { filters: [{ column: "registered_at", operator: "after" }] }, "invalid_filter_value"],
    ["a date filter on an impossible date", { filters: [{ column: "registered_at", operator: "before", value: "2026-13-45" }] }, "invalid_filter_value"],
    ["an unknown connected value", { connected: "sometimes" }, "invalid_connected_filter"],
    ["connectedIds that are not an array", { connected: "active", connectedIds: "abc" }, "invalid_connected_ids"],
    ["connectedIds that are not uuids", { connected: "active", connectedIds: ["abc"] }, "invalid_connected_ids"],
    ["a search over 200 characters", { search: "x".repeat(201) }, "search_too_long"],
  ])("refuses %s with PT422", async (_name, query, code) => {
    expectFailure(await grid(query), 422, code);
  });

  it("refuses callers who are not organizers of the event with PT403, before validating the query", async () => {
    for (const who of ["organizerB", "translatorA", "participantA"] as const) {
      expectFailure(await grid({}, who), 403, "not_an_organizer");
      expectFailure(await grid({ sort: { column: "nope" } }, who), 403, "not_an_organizer");
    }
    expectFailure(await grid({}, "organizerA", world.eventB.id), 403, "not_an_organizer");
    expectFailure(await grid({}, "organizerA", crypto.randomUUID()), 403, "not_an_organizer");
    const anon = await grid({}, "anon");
    expect(anon.error).not.toBeNull();
    expect(anon.data).toBeNull();
  });
});

describe("count_audience", () => {
  const count = (audience: unknown, as: keyof FunctionWorld["as"] = "organizerA", event = world.eventA.id) =>
    world.as[as].rpc("count_audience", { target_event_id: event, audience });

  it("counts a selection, ignoring duplicates, unknown ids and participants of another event", async () => {
    const a = world.eventA.participants;
    const b = world.eventB.participants;
    const participantIds = [a["ada@example.test"], a["grace@example.test"], a["ada@example.test"], b["bob@example.test"], b["ada@example.test"], crypto.randomUUID()];
    expect(await count({ kind: "selection", participantIds })).toMatchObject({ data: 2, error: null, status: 200 });
    expect((await count({ kind: "selection", participantIds: [] })).data).toBe(0);
    expect((await count({ kind: "selection", participantIds: [b["bob@example.test"]] }, "organizerB", world.eventB.id)).data).toBe(1);
  });

  it("counts a view with the grid's filter builder (search, filters, connected), ignoring paging", async () => {
    const a = world.eventA.participants;
    const views: unknown[] = [
      {},
      { search: "a" },
      { search: "example" },
      { filters: [{ column: "company", operator: "is_not_empty" }], sort: { column: "email", direction: "desc" }, offset: 5, limit: 1 },
      { connected: "active", connectedIds: [a["ada@example.test"], world.eventB.participants["bob@example.test"]] },
      { connected: "inactive", connectedIds: [a["ada@example.test"]], filters: [{ column: "registered_at", operator: "before", value: "2026-03-01" }] },
    ];
    for (const view of views) {
      const { sort: _sort, offset: _offset, limit: _limit, ...filters } = view as Record<string, unknown>;
      const expected = (await gridOk(filters)).total;
      expect(await count({ kind: "view", ...(view as object) })).toMatchObject({ data: expected, error: null });
    }
    expect((await count({ kind: "view", connected: "active", connectedIds: [a["ada@example.test"]] })).data).toBe(1);
  });

  it.each([
    ["a missing audience", null],
    ["an array", []],
    ["an unknown kind", { kind: "everyone" }],
    ["no kind", { participantIds: [] }],
    ["a selection without participantIds", { kind: "selection" }],
    ["participantIds that are not an array", { kind: "selection", participantIds: "abc" }],
    ["participantIds that are not uuids", { kind: "selection", participantIds: ["abc"] }],
  ])("refuses %s with PT422 invalid_audience", async (_name, audience) => {
    expectFailure(await count(audience), 422, "invalid_audience");
  });

  it("refuses an invalid view with the grid's codes", async () => {
    expectFailure(await count({ kind: "view", filters: [{ column: "password", operator: "equals", value: "x" }] }), 422, "invalid_filter_column");
    expectFailure(await count({ kind: "view", connected: "yes" }), 422, "invalid_connected_filter");
  });

  it("refuses non-organizers with PT403", async () => {
    const audience = { kind: "view" };
    for (const who of ["organizerB", "translatorA", "participantA"] as const) {
      expectFailure(await count(audience, who), 403, "not_an_organizer");
    }
    const anon = await count(audience, "anon");
    expect(anon.error).not.toBeNull();
    expect(anon.data).toBeNull();
  });
});

describe("participants_grid on a larger event (page read by walking the sort index or by collecting the matches)", () => {
  // 6,000 participants; the grid picks how to read a page from the count (≤ 5,000 matches or a deep page: collect the
  // matches first; otherwise walk the sort index). Every page must be the same slice of the same order either way.
  let event: CreatedEvent;
  const companies = ["Acme Corp", "Blue Harbor Corp", "Corporate Foods"];
  beforeAll(async () => {
    const participants = Array.from({ length: 6000 }, (_, i) => ({
      first_name: ["Ana", "Bo", "Cy", "Di"][i % 4],
      last_name: `Name ${String((i * 7919) % 6000).padStart(4, "0")}`,
      email: `big${i}@big.test`,
      company: i % 12 === 11 ? null : companies[i % 3], // 5,500 match "corp"
      job_title: i % 50 === 0 ? "Product Manager" : "Engineer",
      registered_at: new Date(Date.UTC(2026, 0, 1) + (i % 90) * 86_400_000).toISOString(),
    }));
    event = await world.addEvent("big-event", participants);
    await world.sql("analyze public.participants");
  });

  /** The ids of every match in the grid's order, computed with a plain query (the reference). */
  async function reference(where: string, orderBy: string): Promise<string[]> {
    const { rows } = await world.sql<{ id: string }>(
      `select p.id from public.participants p where p.event_id = $1 and ${where} order by ${orderBy}`,
      [event.id],
    );
    return rows.map((r) => r.id);
  }

  async function page(query: Record<string, unknown>) {
    const { data, error } = await grid(query, "organizerA", event.id);
    expect(error).toBeNull();
    return data as Grid;
  }

  it.each([
    ["many matches, first page (walks the index)", { search: "corp" }, "lower(p.company) like '%corp%'", 0],
    ["many matches, deep page (collects)", { search: "corp" }, "lower(p.company) like '%corp%'", 3500],
    ["few matches (collects)", { filters: [{ column: "job_title", operator: "contains", value: "manager" }] }, "p.job_title = 'Product Manager'", 50],
    ["no condition, deep page (walks the index backwards)", {}, "true", 5900],
    ["no condition, the last partial page (backwards)", {}, "true", 5950],
    ["no condition, just past the middle (backwards)", {}, "true", 3001],
    ["no condition, just before the middle (forwards)", {}, "true", 2950],
  ])("%s: the page is the reference's slice", async (_name, query, where, offset) => {
    for (const [sort, orderBy] of [
      [{ column: "last_name", direction: "asc" }, "p.last_name, p.first_name, p.id"],
      [{ column: "first_name", direction: "desc" }, "p.first_name desc, p.last_name desc, p.id desc"],
      [{ column: "company", direction: "asc" }, "p.company nulls last, p.id"],
      [{ column: "company", direction: "desc" }, "p.company desc nulls last, p.id desc"],
      [{ column: "email", direction: "desc" }, "p.email desc, p.id desc"],
      [{ column: "registered_at", direction: "asc" }, "p.registered_at nulls last, p.id"],
    ] as const) {
      const expected = await reference(where, orderBy);
      const result = await page({ ...query, sort, offset, limit: 100 });
      expect(result.total).toBe(expected.length);
      expect(result.rows.map((r) => r.id)).toEqual(expected.slice(offset, offset + 100));
    }
  });
});
