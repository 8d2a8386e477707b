// Fuzzing every public RPC function (listed from pg_proc: the functions of schema public that anon or authenticated
// may execute, extension members aside, so a new one is never forgotten) with fast-check-generated hostile input, as
// anon, a participant, the event's organizer and another event's organizer, through supabase-js:
// - never a 5xx, and every error has a clear code: PTxyz (the function's own check), PGRSTxyz (the REST layer), 22xxx
//   (the input is not a value of the parameter's type) or 42501 (not granted); never a syntax or constraint error;
// - a call that fails changes no row (a checksum of every public table before and after).
import fc from "fast-check";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createReliabilityWorld, report, SIZES, type SeededEvent, type World } from "./world.ts";

interface RpcFunction {
  name: string;
  args: { name: string; type: string; optional: boolean }[];
}

type Role = "anon" | "participant" | "organizer" | "otherOrganizer";
const ROLES: Role[] = ["anon", "participant", "organizer", "otherOrganizer"];

// Top-level await: the function list comes from the database, before Vitest collects one test per function.
const world: World = await createReliabilityWorld(inject("cluster"));
const eventA: SeededEvent = await world.seedEvent("fuzz-a", { participants: 20, accounts: 2, threads: true });
const eventB: SeededEvent = await world.seedEvent("fuzz-b", { participants: 5, accounts: 1, threads: true });
const functions: RpcFunction[] = (
  await world.sql.query<RpcFunction>(`
    select p.proname as name,
      coalesce((select jsonb_agg(jsonb_build_object('name', a.name, 'type', format_type(a.type, null),
                  'optional', a.position > p.pronargs - p.pronargdefaults) order by a.position)
                from unnest(p.proargnames[1:p.pronargs], p.proargtypes::oid[]) with ordinality as a(name, type, position)), '[]') as args
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prokind = 'f'
      and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
    order by 1`)
).rows;
const threadIds = (await world.sql.query<{ id: number }>("select id::int as id from public.threads order by id")).rows.map((r) => r.id);
const tables = (
  await world.sql.query<{ name: string }>(
    "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1",
  )
).rows.map((r) => r.name);
const checksumSql = `select ${tables.map((t) => `(select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) from public.${t} x)`).join(" || ")} as sum`;
const clients = new Map<Role, SupabaseClient>([
  ["anon", await world.client(null)],
  ["participant", await world.client(eventA.users.get(eventA.participants[0]) ?? null)],
  ["organizer", await world.client(eventA.organizer)],
  ["otherOrganizer", await world.client(eventB.organizer)],
]);
const allFigures: Record<string, unknown> = {};

/** Clear error codes: the function's own (PTxyz), the REST layer's, a value not of the parameter's type, not granted. */
const CLEAR_CODE = /^(PT[0-9]{3}|PGRST[0-9]{3}|22[0-9A-Z]{3}|42501)$/;

afterAll(async () => {
  report("fuzz", { functions: allFigures });
  await world.stop();
});

async function checksum(): Promise<string> {
  return (await world.sql.query<{ sum: string }>(checksumSql)).rows[0].sum;
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

const SQLISH = [
  "'; drop table public.messages; --",
  "' or '1'='1",
  "1); select pg_sleep(10); --",
  "$$; raise exception 'x'; $$",
  "%",
  "_",
  "\\",
  "%' or 1=1 --",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-1",
  "9223372036854775808",
  "1e400",
  "00000000-0000-0000-0000-000000000000",
  "{}",
  "[]",
  '{"kind":"view"}',
  "<script>alert(1)</script>",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "‮evil",
  "🏳️‍🌈".repeat(50),
  " \t\n\r ",
  "",
];

const hugeString = fc.constantFrom("x".repeat(4001), " ".repeat(5000), "é".repeat(100_000), "🙂".repeat(4001), "a".repeat(300_000));
const hostileString = fc.oneof(
  fc.constantFrom(...SQLISH),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  hugeString,
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 63), 1e300, -1e300, 0.5, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: 1_000_000_000, max: 2 ** 31 - 1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
function nested(depth: number): unknown {
  let value: unknown = "deep";
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { kind: "view", filters: value };
  return value;
}
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(nested(200), nested(1000), Array.from({ length: 20_000 }, (_, i) => i)),
  fc.record({
    kind: fc.constantFrom("view", "selection", "VIEW", "", null, 1),
    participantIds: fc.oneof(fc.array(fc.oneof(fc.uuid(), hostileString, hostileNumber), { maxLength: 5 }), hostileString, fc.constant(null)),
    filters: fc.oneof(
      fc.array(
        fc.record({
          column: fc.oneof(fc.constantFrom("first_name", "registered_at", "email", "id", "search_text", "p.id) or (1=1", "event_id"), hostileString),
          operator: fc.oneof(fc.constantFrom("contains", "equals", "starts_with", "is_empty", "before", "after", "like", "; --"), hostileString),
          value: fc.oneof(hostileString, hostileNumber, fc.constantFrom("2026-02-30", "9999-99-99", "2026-01-01", "-infinity"), fc.constant(null)),
        }),
        { maxLength: 3 },
      ),
      hostileString,
      fc.constant({}),
    ),
    search: fc.oneof(hostileString, hostileNumber, fc.constant(null)),
    connected: fc.oneof(fc.constantFrom("active", "inactive", "ACTIVE", ""), hostileNumber),
    connectedIds: fc.oneof(fc.array(fc.oneof(fc.uuid(), hostileString), { maxLength: 3 }), hostileString),
    sort: fc.oneof(fc.record({ column: hostileString, direction: fc.constantFrom("asc", "desc", "asc; drop", "") }), hostileString),
    offset: fc.oneof(hostileNumber, hostileString),
    limit: fc.oneof(hostileNumber, hostileString),
  }, { requiredKeys: [] }),
);
const anything: fc.Arbitrary<unknown> = fc.oneof(hostileString, hostileNumber, fc.constant(null), fc.boolean(), fc.jsonValue({ maxDepth: 2 }));

/** A value for a parameter: usually hostile for its type, sometimes a real one (so the checks behind it are reached). */
function valueFor(arg: RpcFunction["args"][number]): fc.Arbitrary<unknown> {
  const real: fc.Arbitrary<unknown>[] = [];
  let hostile: fc.Arbitrary<unknown>;
  switch (arg.type) {
    case "uuid":
      hostile = fc.oneof(fc.uuid(), hostileString, hostileNumber);
      real.push(fc.constantFrom(eventA.id, eventB.id, ...eventA.participants.slice(0, 3)));
      break;
    case "bigint":
    case "integer":
    case "smallint":
      hostile = fc.oneof(hostileNumber, hostileString);
      real.push(fc.constantFrom(...threadIds.slice(0, 3), 1, 30));
      break;
    case "boolean":
      hostile = fc.oneof(hostileString, hostileNumber);
      real.push(fc.boolean());
      break;
    case "jsonb":
    case "json":
      hostile = hostileJson;
      real.push(fc.constant({ kind: "selection", participantIds: [] }), fc.constant({ filters: [] }));
      break;
    case "text":
      hostile = hostileString;
      real.push(fc.constantFrom("Hello", "a"));
      break;
    default:
      hostile = anything;
  }
  return fc.oneof({ weight: 3, arbitrary: hostile }, { weight: 3, arbitrary: fc.oneof(...real) }, { weight: 1, arbitrary: anything });
}

function callArbitrary(fn: RpcFunction): fc.Arbitrary<{ role: Role; args: Record<string, unknown> }> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const arg of fn.args) record[arg.name] = valueFor(arg);
  const args = fc.oneof(
    { weight: 8, arbitrary: fc.record(record, { requiredKeys: fn.args.filter((a) => !a.optional).map((a) => a.name) }) },
    // Missing parameters, unknown ones, wrong shapes.
    { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom("target_event_id; --", "", "body", "x"), fc.string({ maxLength: 10 })), anything, { maxKeys: 3 }) },
  );
  return fc.record({ role: fc.constantFrom<Role>("organizer", "organizer", "participant", ...ROLES), args });
}

function shortJson(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 300);
  } catch {
    return "(too deep to print)";
  }
}

interface Failure {
  role: Role;
  args: string;
  status: number;
  code: string | undefined;
  message: string | undefined;
  changed?: boolean;
}

describe("every public RPC function under hostile input", () => {
  it("the functions are listed from the database (none forgotten, none unexpected without fuzzing)", () => {
    expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(["send_broadcast", "post_message", "participants_grid"]));
    for (const fn of functions) expect(fn.args.every((a) => a.name)).toBe(true);
  });

  it.each(functions.map((fn) => ({ fn, name: fn.name })))(
    `$name: ${SIZES.fuzzCases} generated calls, never a 5xx, clear errors, no row changed by a refused call`,
    { timeout: 300_000 },
    async ({ fn }) => {
      const failures: Failure[] = [];
      let before = await checksum();
      let errors = 0;
      let ok = 0;
      const codes: Record<string, number> = {};
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(callArbitrary(fn), async ({ role, args }) => {
          const supabase = clients.get(role) as SupabaseClient;
          let answer;
          try {
            answer = await supabase.rpc(fn.name, args);
          } catch (thrown) {
            failures.push({ role, args: shortJson(args), status: 0, code: "thrown", message: String(thrown).slice(0, 200) });
            return;
          }
          const { error, status } = answer;
          const after = await checksum();
          if (error) {
            errors += 1;
            const key = /^PT/.test(error.code ?? "") ? `${error.code} ${error.message}` : String(error.code);
            codes[key] = (codes[key] ?? 0) + 1;
            const clear = CLEAR_CODE.test(error.code ?? "") && typeof error.message === "string" && error.message.length > 0;
            // A function's own error is a code the app translates: snake_case, no SQL text.
            const codeLike = !/^PT/.test(error.code ?? "") || /^[a-z][a-z0-9_]*$/.test(error.message);
            if (status >= 500 || !clear || !codeLike || after !== before) {
              failures.push({ role, args: shortJson(args), status, code: error.code, message: error.message?.slice(0, 200), changed: after !== before });
            }
          } else {
            ok += 1;
            if (status >= 500) failures.push({ role, args: shortJson(args), status, code: undefined, message: undefined });
          }
          before = after;
        }),
        { numRuns: SIZES.fuzzCases, endOnFailure: true, interruptAfterTimeLimit: 240_000 },
      );
      allFigures[fn.name] = { cases: errors + ok, ok, ms: Math.round(performance.now() - started), codes };
      expect(failures.slice(0, 5), `${fn.name}: ${failures.length} bad answers`).toEqual([]);
      expect(errors + ok, `${fn.name}: ran every case`).toBe(SIZES.fuzzCases);
    },
  );

  // Bodies supabase-js cannot even serialize (too deep for JSON.stringify), sent raw.
  // Deeper than about 30,000 levels, PostgreSQL's JSON parser runs out of stack (54001, HTTP 500) while casting the body,
  // before any function runs: see docs/reliability.md (a limit of the REST layer, not of the functions).
  const DEPTH = 20_000;
  it(`a ${DEPTH.toLocaleString("en")}-deep JSON body or a broken one is refused with a clear code, never a 5xx`, async () => {
    const { anonKey } = world.stack.keys;
    const deep = "[".repeat(DEPTH) + "]".repeat(DEPTH);
    for (const fn of functions) {
      for (const body of [`{"${fn.args[0]?.name ?? "x"}": ${deep}}`, deep, '{"a": ', "\u0000", "{\"x\": \"\ud800\"}"]) {
        const response = await fetch(`${world.stack.url}/rest/v1/rpc/${fn.name}`, {
          method: "POST",
          headers: { apikey: anonKey, authorization: `Bearer ${anonKey}`, "content-type": "application/json" },
          body,
        });
        const answer = (await response.json()) as { code?: string; message?: string };
        expect(response.status, `${fn.name} ${body.slice(0, 20)}`).toBeLessThan(500);
        expect(answer.code, `${fn.name} ${body.slice(0, 20)}: ${answer.message}`).toMatch(CLEAR_CODE);
      }
    }
  });
});
