// Column filter semantics of participants_grid, count_audience and send_broadcast, checked against a reference query
// written with the original predicates (migration 20261125120500: `search_text like` narrowing, `coalesce(column, '')`
// for emptiness), so that index-friendly rewrites of the filters cannot change which participants match.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFunctionWorld, type CreatedEvent, type FunctionWorld, type ParticipantSeed } from "./function-fixtures.ts";

let world: FunctionWorld;
let event: CreatedEvent;

const TEXT_COLUMNS = ["first_name", "last_name", "email", "company", "job_title"] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];

const FIRST = ["Ann", "Anna", "Joanne", "Marco", "Zoë", "ÉLODIE", "Mar", "Jo_Ann", "Søren", "Björn"];
const LAST = ["Johnson", "Manson", "O'Brien", "Bergström", "Smith", "MARTIN", "Ba%ker", "Lee", "Anderson", "Back\\Slash", "Ng"];
const COMPANIES = ["Johnson & Sons", "Bergstrom Inc", "100% Pure_Logic", "Back\\Slash Ltd", "Ørsted", "Manson Group", "acme corp", "BLUE HARBOR"];
const TITLES = ["Product Manager", "manager", "Senior MANAGER", "Engineer", "Marketing Director", "Ba_rista", "CEO"];

/** 6,000 participants (more than the grid's 5,000 "collect" threshold, so broad filters walk the sort index). */
function participants(): ParticipantSeed[] {
  return Array.from({ length: 6000 }, (_, i) => {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7) % LAST.length];
    return {
      first_name: first,
      last_name: i % 5 === 0 ? `${last} ${i}` : last,
      email: `${first.toLowerCase().replace(/[^a-z]/g, "x")}.${i}@${["gmail.com", "example.org", "son-corp.test"][i % 3]}`,
      company: i % 13 === 0 ? null : i % 17 === 0 ? "" : COMPANIES[(i * 3) % COMPANIES.length],
      job_title: i % 11 === 0 ? null : i % 19 === 0 ? "" : TITLES[(i * 5) % TITLES.length],
      registered_at: new Date(Date.UTC(2026, 0, 1) + (i % 120) * 86_400_000 + (i % 7) * 3_600_000).toISOString(),
    };
  });
}

beforeAll(async () => {
  world = await createFunctionWorld(inject("cluster"));
  event = await world.addEvent("filters", participants());
  await world.sql("analyze public.participants");
});
afterAll(() => world?.stop());

interface Filter {
  column: string;
  operator: string;
  value?: string;
}

const escaped = (param: string) => `replace(replace(replace(lower(${param}), '\\', '\\\\'), '%', '\\%'), '_', '\\_')`;

/** The original (20261125120500) predicate of one filter, its value as a parameter. */
function originalPredicate(filter: Filter, param: string): string {
  const column = `p.${filter.column}`;
  const narrow = (filter.value ?? "").length >= 3 ? `p.search_text like '%' || ${escaped(param)} || '%' and ` : "";
  switch (filter.operator) {
    case "contains":
      return `${narrow}lower(${column}) like '%' || ${escaped(param)} || '%'`;
    case "equals":
      return `${narrow}lower(${column}) = lower(${param})`;
    case "starts_with":
      return `${narrow}lower(${column}) like ${escaped(param)} || '%'`;
    case "is_empty":
      return `coalesce(${column}, '') = ''`;
    case "is_not_empty":
      return `coalesce(${column}, '') <> ''`;
    case "before":
      return `${column} < ${param}::timestamptz`;
    case "after":
      return `${column} >= ${param}::timestamptz`;
    default:
      throw new Error(`no reference for ${filter.operator}`);
  }
}

const SORTS = {
  last_name: "p.last_name %, p.first_name %, p.id %",
  email: "p.email %, p.id %",
  company: "p.company % nulls last, p.id %",
  registered_at: "p.registered_at % nulls last, p.id %",
} as const;
type Sort = { column: keyof typeof SORTS; direction: "asc" | "desc" };

/** Every matching id in the grid's order, by the original predicates. */
async function reference(filters: Filter[], sort: Sort, search?: string): Promise<string[]> {
  const params: unknown[] = [event.id];
  const where = filters.map((filter) => {
    const param = `$${params.length + 1}::text`;
    const predicate = originalPredicate(filter, param);
    if (predicate.includes(param)) params.push(filter.value ?? null);
    return predicate;
  });
  if (search) {
    params.push(search);
    where.push(`p.search_text like '%' || ${escaped(`$${params.length}::text`)} || '%'`);
  }
  const orderBy = SORTS[sort.column].replaceAll("%", sort.direction);
  const { rows } = await world.sql<{ id: string }>(
    `select p.id from public.participants p where p.event_id = $1 ${where.map((w) => `and (${w})`).join(" ")} order by ${orderBy}`,
    params,
  );
  return rows.map((r) => r.id);
}

async function gridPage(query: Record<string, unknown>) {
  const { data, error } = await world.as.organizerA.rpc("participants_grid", { target_event_id: event.id, query });
  expect(error).toBeNull();
  return data as { total: number; rows: { id: string }[] };
}

async function audienceCount(view: Record<string, unknown>) {
  const { data, error } = await world.as.organizerA.rpc("count_audience", { target_event_id: event.id, audience: { kind: "view", ...view } });
  expect(error).toBeNull();
  return data as number;
}

/** The grid's total, its first page (in two sort orders) and count_audience all agree with the reference. */
async function expectSameAsOriginal(filters: Filter[], search?: string) {
  const totals = new Set<number>();
  for (const sort of [
    { column: "last_name", direction: "asc" },
    { column: "registered_at", direction: "desc" },
  ] satisfies Sort[]) {
    const expected = await reference(filters, sort, search);
    const page = await gridPage({ filters, search, sort, limit: 500 });
    expect(page.total, JSON.stringify({ filters, search })).toBe(expected.length);
    expect(page.rows.map((r) => r.id)).toEqual(expected.slice(0, 500));
    totals.add(expected.length);
  }
  expect(await audienceCount({ filters, search })).toBe([...totals][0]);
  return [...totals][0];
}

const VALUES: Record<TextColumn, { contains: string[]; equals: string[]; starts_with: string[] }> = {
  first_name: { contains: ["ANN", "o", "ë", "_", "jo_a"], equals: ["anna", "ann", "élodie"], starts_with: ["j", "MAR", "Jo_", "%"] },
  last_name: { contains: ["son", "SON 1", "a%k", "\\", "'"], equals: ["martin", "manson 10"], starts_with: ["b", "ber", "o'", "ba%"] },
  email: { contains: ["gmail", "son-", ".1@", "zz"], equals: ["anna.1@example.org", "ANNA.1@EXAMPLE.ORG"], starts_with: ["a", "jo", "zzz"] },
  company: { contains: ["son", "100%", "_", "\\s", "ør", "corp"], equals: ["acme corp", "ACME CORP", "acme"], starts_with: ["b", "BL", "100% p", "man"] },
  job_title: { contains: ["manager", "MAN", "a_r", "o"], equals: ["manager", "ceo"], starts_with: ["man", "s", "product m"] },
};

describe("column filters match exactly the participants the original predicates matched", () => {
  for (const column of TEXT_COLUMNS) {
    it(`${column}: contains, equals, starts_with, is_empty, is_not_empty`, async () => {
      let nonEmpty = 0;
      for (const operator of ["contains", "equals", "starts_with"] as const) {
        for (const value of VALUES[column][operator]) {
          if ((await expectSameAsOriginal([{ column, operator, value }])) > 0) nonEmpty++;
        }
      }
      const empty = await expectSameAsOriginal([{ column, operator: "is_empty" }]);
      const notEmpty = await expectSameAsOriginal([{ column, operator: "is_not_empty" }]);
      expect(empty + notEmpty).toBe(6000);
      expect(nonEmpty).toBeGreaterThan(3); // the values are chosen to match: the comparison is not vacuous
    });
  }

  it("registered_at: before and after", async () => {
    const before = await expectSameAsOriginal([{ column: "registered_at", operator: "before", value: "2026-02-15" }]);
    const after = await expectSameAsOriginal([{ column: "registered_at", operator: "after", value: "2026-02-15" }]);
    expect(before).toBeGreaterThan(0);
    expect(before + after).toBe(6000);
  });

  it("combined filters, with a search, AND together", async () => {
    const combos: [Filter[], string?][] = [
      [[{ column: "job_title", operator: "contains", value: "manager" }, { column: "company", operator: "starts_with", value: "b" }]],
      [[{ column: "company", operator: "contains", value: "son" }, { column: "job_title", operator: "is_empty" }]],
      [[{ column: "company", operator: "is_not_empty" }, { column: "email", operator: "contains", value: "gmail" }], "ann"],
      [[{ column: "last_name", operator: "starts_with", value: "m" }, { column: "registered_at", operator: "after", value: "2026-03-01" }], "jo"],
      [[{ column: "first_name", operator: "equals", value: "zoë" }, { column: "company", operator: "contains", value: "ør" }]],
    ];
    for (const [filters, search] of combos) {
      if (search && search.length < 3) {
        // 1–2 characters search first and last name prefixes: compare with that definition directly.
        const { rows } = await world.sql<{ n: number }>(
          `select count(*)::int n from public.participants p where p.event_id = $1 and (lower(p.first_name) like $2 or lower(p.last_name) like $2)
             and ${originalPredicate(filters[0], "$3::text")} and ${originalPredicate(filters[1], "$4::text")}`,
          [event.id, `${search}%`, filters[0].value ?? null, filters[1].value ?? null],
        );
        const page = await gridPage({ filters, search });
        expect(page.total).toBe(rows[0].n);
        expect(await audienceCount({ filters, search })).toBe(rows[0].n);
        expect(rows[0].n).toBeGreaterThan(0);
      } else {
        expect(await expectSameAsOriginal(filters, search)).toBeGreaterThan(0);
      }
    }
  });

  it("a send to a filtered view reaches exactly the participants the grid counts", async () => {
    const view = {
      filters: [
        { column: "company", operator: "contains", value: "son" },
        { column: "job_title", operator: "starts_with", value: "man" },
      ],
    };
    const { total } = await gridPage(view);
    expect(total).toBeGreaterThan(0);
    expect(await audienceCount(view)).toBe(total);
    const { data, error } = await world.as.organizerA.rpc("send_broadcast", {
      target_event_id: event.id,
      body: "Filtered hello",
      audience: { kind: "view", ...view },
      idempotency_key: randomUUID(),
    });
    expect(error).toBeNull();
    expect((data as { recipient_count: number }).recipient_count).toBe(total);
    const { rows } = await world.sql<{ n: number; matching: number }>(
      `select count(*)::int n, count(*) filter (where lower(p.company) like '%son%' and lower(p.job_title) like 'man%')::int matching
       from public.messages m join public.threads t on t.id = m.thread_id join public.participants p on p.id = t.participant_id
       where m.event_id = $1 and m.broadcast_id is not null`,
      [event.id],
    );
    expect(rows[0]).toEqual({ n: total, matching: total });
  });
});
