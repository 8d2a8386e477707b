// Every server action under generated invalid input, called over HTTP exactly as the browser calls it (POST to the
// page with `Next-Action: <id>` and the arguments encoded by React's encodeReply), against the production build and
// the seeded local stack, as anon, a participant, an event's organizer, another event's organizer and a translator.
// The actions are listed from the build's manifest and from a scan of the sources for "use server": one without a
// generator below fails the first test, so a new action cannot be forgotten. For each action:
// - never a 5xx, never an exception in the action (Next's error digest);
// - the answer is the action's result shape with a known, translated error key, or a redirect (anon; sign-in and
//   sign-out), and a redirect never leaves the app;
// - a refused call changes no row (a checksum of every public table before and after each call).
// Sizes: 100 calls per action here (`npm test`), 1,000 with RELIABILITY_SIZE=large (see docs/reliability.md).
import fc from "fast-check";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "@playwright/test";
import {
  builtActions,
  callAction,
  createFuzzWorld,
  FUZZ_PASSWORD,
  pagePath,
  signInCookies,
  stackInfo,
  type ActionAnswer,
  type BuiltAction,
  type FuzzWorld,
} from "./security-actions-client";

const LARGE = process.env.RELIABILITY_SIZE === "large";
const CASES = Number(process.env.ACTION_FUZZ_CASES ?? (LARGE ? 1000 : 100));
const root = join(import.meta.dirname, "..");

type Role = "anon" | "participant" | "organizer" | "otherOrganizer" | "translator";
const ROLES: Role[] = ["anon", "participant", "organizer", "otherOrganizer", "translator"];

// ---------------------------------------------------------------------------------------------------------------
// Hostile values (as tests/reliability/fuzz.test.ts, plus what only JavaScript arguments can carry)

const SQLISH = [
  "'; drop table public.participants; --",
  "' or '1'='1",
  "1); select pg_sleep(10); --",
  "%",
  "_",
  "\\",
  "null",
  "undefined",
  "NaN",
  "-1",
  "9223372036854775808",
  "00000000-0000-0000-0000-000000000000",
  "{}",
  "[]",
  "$ACTION_ID_x",
  "$undefined",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "//evil.example/",
  "https://evil.example/",
  "/\\evil.example",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff\ud800",
  "\u202eevil",
  "🏳️‍🌈".repeat(50),
  " \t\n\r ",
  "",
  "{{eventName}}",
  "{{",
  "__proto__",
  "constructor",
];
const hugeString = fc.constantFrom("x".repeat(4001), " ".repeat(5000), "é".repeat(100_000), "🙂".repeat(4001), "a".repeat(300_000));
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQLISH) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 50 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 1, arbitrary: hugeString },
);
const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 2 ** 31, 2 ** 53, 1e300, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double(),
);
function nested(depth: number): unknown {
  let value: unknown = "deep";
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { filters: value };
  return value;
}
/** Anything the React client can encode: JSON, and Dates, BigInts, Maps, Sets, undefined, typed arrays, Blobs. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined, true, false) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      new Date(0),
      new Date(Number.NaN),
      10n ** 30n,
      new Map([["eventId", "x"]]),
      new Set([1, 2]),
      new Uint8Array([0, 255]),
      new Blob(["blob"]),
      nested(200),
      Array.from({ length: 20_000 }, (_, i) => i),
      [],
      {},
    ),
  },
);

// ---------------------------------------------------------------------------------------------------------------
// Generators per action: the fields of its input, each a real value (so the checks behind validation are reached),
// a hostile one, or anything; then whole-argument variants (missing, wrong type, extra arguments).

interface Pools {
  eventIds: string[];
  slugs: string[];
  participantIds: string[];
  viewIds: string[];
  emails: string[];
  keys: string[];
}

type Fields = Record<string, fc.Arbitrary<unknown>>;

function field(real: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown> = hostileString): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: real }, { weight: 3, arbitrary: hostile }, { weight: 1, arbitrary: anything });
}

/** Object-argument actions: (input). */
function objectArgs(fields: Fields): fc.Arbitrary<unknown[]> {
  const record = fc.record(fields, { requiredKeys: Object.keys(fields) });
  return fc.oneof(
    { weight: 12, arbitrary: record.map((input) => [input]) },
    { weight: 2, arbitrary: fc.record(fields, { requiredKeys: [] }).map((input) => [input]) },
    { weight: 1, arbitrary: fc.tuple(record, anything).map(([input, extra]) => [{ ...input, ...(typeof extra === "object" ? extra : { extra }) }]) },
    { weight: 2, arbitrary: anything.map((input) => [input]) },
    { weight: 1, arbitrary: fc.constantFrom<unknown[]>([], [undefined], [null, null]) },
    { weight: 1, arbitrary: formArgs(fields).map(([, form]) => [form]) },
  );
}

/** A non-string value as a form field would carry it. */
function textOf(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? String(v) : v)) ?? String(value);
}

/** A FormData of these fields: strings (hostile or real), Files, repeated entries, missing ones, unknown ones. */
function formDataOf(fields: Fields): fc.Arbitrary<FormData> {
  const value = (arbitrary: fc.Arbitrary<unknown>) =>
    fc.oneof(
      { weight: 6, arbitrary: arbitrary.map((v) => (typeof v === "string" ? v : textOf(v))) },
      { weight: 1, arbitrary: fc.constant(new File(["%PDF"], "x.pdf", { type: "application/pdf" })) },
      { weight: 1, arbitrary: fc.array(hostileString, { minLength: 2, maxLength: 3 }) },
    );
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, arbitrary] of Object.entries(fields)) entries[name] = value(arbitrary);
  return fc
    .tuple(
      fc.record(entries, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom("$ACTION_ID_x", "$ACTION_REF_1", "1_$ACTION_KEY", "__proto__", "x"), hostileString, { maxKeys: 2 }),
    )
    .map(([known, unknown]) => {
      const form = new FormData();
      for (const [name, v] of Object.entries({ ...known, ...unknown })) {
        if (Array.isArray(v)) for (const item of v) form.append(name, String(item));
        else if (v instanceof File) form.append(name, v);
        else form.append(name, String(v));
      }
      return form;
    });
}

/** Form actions (useActionState): (previousState, formData). */
function formArgs(fields: Fields): fc.Arbitrary<unknown[]> {
  const form = formDataOf(fields);
  return fc.oneof(
    { weight: 12, arbitrary: fc.tuple(fc.oneof(fc.constant(null), anything), form).map(([previous, data]) => [previous, data]) },
    // Not a FormData: what a hand-made request can send.
    { weight: 2, arbitrary: fc.tuple(fc.constant(null), fc.oneof(anything, fc.record(fields, { requiredKeys: [] }))).map((t) => [...t]) },
    { weight: 1, arbitrary: form.map((data) => [data]) },
    { weight: 1, arbitrary: fc.constantFrom<unknown[]>([], [null], [null, null, null]) },
  );
}

/** Form actions bound directly to <form action>: (formData). */
function directFormArgs(fields: Fields): fc.Arbitrary<unknown[]> {
  return fc.oneof(
    { weight: 8, arbitrary: formDataOf(fields).map((data) => [data]) },
    { weight: 2, arbitrary: anything.map((v) => [v]) },
    { weight: 1, arbitrary: fc.constantFrom<unknown[]>([], [null, new FormData()]) },
  );
}

interface ActionFuzz {
  /** Where its error keys are: the namespace file and the key prefix. */
  errors: { namespace: string; prefix: string } | null;
  args(pools: Pools): fc.Arbitrary<unknown[]>;
  /** Calls made first, as the event's organizer: valid but for one value the database cannot store. */
  examples?(world: FuzzWorld): unknown[][];
}

const uuid = (pool: string[]) => field(pool.length > 0 ? fc.oneof(fc.constantFrom(...pool), fc.uuid()) : fc.uuid(), fc.oneof(hostileString, fc.uuid({ version: 4 }).map((u) => u.toUpperCase())));
const slug = (pools: Pools) => field(fc.constantFrom(...pools.slugs));
const definition = field(
  fc.record(
    {
      search: fc.oneof(fc.constant("a"), hostileString),
      filters: fc.oneof(
        fc.constant([{ column: "company", operator: "contains", value: "a" }]),
        fc.array(fc.record({ column: fc.oneof(fc.constantFrom("first_name", "registered_at", "event_id"), hostileString), operator: fc.oneof(fc.constantFrom("contains", "before", "is_empty"), hostileString), value: anything }), { maxLength: 25 }),
      ),
      connected: fc.constantFrom("active", "inactive", "ACTIVE"),
      sort: fc.oneof(fc.constant({ column: "last_name", direction: "desc" }), anything),
      columns: fc.oneof(fc.constant(["first_name", "email"]), fc.array(hostileString, { maxLength: 3 })),
      pageSize: fc.oneof(fc.constantFrom(50, 100), hostileNumber),
    },
    { requiredKeys: [] },
  ),
  anything,
);
const audience = (pools: Pools) =>
  field(
    fc.oneof(
      fc.record({ kind: fc.constant("selection"), participantIds: fc.subarray(pools.participantIds, { minLength: 1, maxLength: 3 }) }),
      fc.record({ kind: fc.constant("view"), filters: fc.constant([]), search: fc.constantFrom("p1", "zz") }),
      fc.record({ kind: fc.constantFrom("selection", "view", "all", ""), participantIds: fc.oneof(fc.array(fc.oneof(fc.uuid(), hostileString), { maxLength: 5 }), anything), filters: anything, connectedIds: anything }, { requiredKeys: [] }),
    ),
    anything,
  );
const menu = field(
  fc.oneof(
    fc.constant([]),
    fc.constant([{ id: "fuzz1", label: { en: "Programme", fr: "" }, target: "program" }]),
    fc.array(
      fc.record({ id: fc.oneof(fc.constantFrom("a", "a"), hostileString), label: fc.oneof(fc.record({ en: hostileString, fr: hostileString }, { requiredKeys: [] }), anything), target: fc.oneof(fc.constantFrom("https://example.com", "javascript:alert(1)", "//evil.example", "../admin"), hostileString) }, { requiredKeys: [] }),
      { maxLength: 14 },
    ),
  ),
  anything,
);
const email = (pools: Pools) => field(fc.constantFrom(...pools.emails, "nobody@fuzz.example", "not-an-email", "A@B.C"));
const next = field(fc.constantFrom("/admin", "/e/fuzz-a/messages", "//evil.example", "https://evil.example", "/\\evil.example", "/admin\r\nx: y"));
const locale = field(fc.constantFrom("en", "fr", "de", "EN", ""));

/** Every action of the app, by `file#name`. */
const FUZZ: Record<string, ActionFuzz> = {
  "lib/actions/send-message.ts#sendMessage": {
    errors: { namespace: "backoffice", prefix: "errors." },
    args: (p) => objectArgs({ eventId: uuid(p.eventIds), audience: audience(p), body: field(fc.constantFrom("Hello", "")), idempotencyKey: uuid([]) }),
  },
  "lib/actions/participants-update.ts#updateParticipant": {
    errors: { namespace: "backoffice", prefix: "errors." },
    args: (p) =>
      objectArgs({
        eventId: uuid(p.eventIds),
        participantId: uuid(p.participantIds),
        first_name: field(fc.constantFrom("Ada", " ", "x".repeat(101))),
        last_name: field(fc.constantFrom("Lovelace", "")),
        email: email(p),
        company: field(fc.constantFrom("Acme", "", "x".repeat(201))),
        job_title: field(fc.constantFrom("Engineer", "")),
      }),
    examples: (w) => [
      [{ eventId: w.events[0].id, participantId: w.events[0].participants[1], first_name: "a\u0000b", last_name: "\ud800", email: "nul@fuzz.example", company: "", job_title: "" }],
    ],
  },
  "lib/actions/participants-views.ts#createParticipantView": {
    errors: { namespace: "backoffice", prefix: "errors." },
    args: (p) => objectArgs({ eventId: uuid(p.eventIds), name: field(fc.constantFrom("Fuzz view 1", "New view", "  ")), definition }),
  },
  "lib/actions/participants-views.ts#updateParticipantView": {
    errors: { namespace: "backoffice", prefix: "errors." },
    args: (p) => objectArgs({ eventId: uuid(p.eventIds), viewId: uuid(p.viewIds), definition }),
  },
  "lib/actions/participants-views.ts#renameParticipantView": {
    errors: { namespace: "backoffice", prefix: "errors." },
    args: (p) => objectArgs({ eventId: uuid(p.eventIds), viewId: uuid(p.viewIds), name: field(fc.constantFrom("Fuzz view 2", "Renamed", "")) }),
  },
  "lib/actions/participants-views.ts#deleteParticipantView": {
    errors: { namespace: "backoffice", prefix: "errors." },
    args: (p) => objectArgs({ eventId: uuid(p.eventIds), viewId: uuid(p.viewIds) }),
  },
  "lib/actions/cms-save.ts#saveSiteSettings": {
    errors: { namespace: "cms", prefix: "errors." },
    args: (p) => objectArgs({ eventSlug: slug(p), headerMenu: menu, allowContactOrganizer: field(fc.boolean(), anything) }),
    examples: () => [[{ eventSlug: "fuzz-a", headerMenu: [{ id: "nul", label: { en: "a\u0000b", fr: "" }, target: "program" }], allowContactOrganizer: true }]],
  },
  "lib/actions/translations-save.ts#saveTranslationOverride": {
    errors: { namespace: "translations", prefix: "errors." },
    args: (p) => objectArgs({ eventSlug: slug(p), locale, key: field(fc.constantFrom(...p.keys)), value: field(fc.constantFrom("Hello", "{{eventName}}!", "")) }),
    examples: () => [[{ eventSlug: "fuzz-a", locale: "en", key: "signIn.title", value: "a\u0000b {{eventName}}" }]],
  },
  "lib/actions/translations-reset.ts#resetTranslationOverride": {
    errors: { namespace: "translations", prefix: "errors." },
    args: (p) => objectArgs({ eventSlug: slug(p), locale, key: field(fc.constantFrom(...p.keys)) }),
  },
  "lib/actions/profile-update.ts#updateProfile": {
    errors: { namespace: "shell", prefix: "profile.errors." },
    args: () => formArgs({ displayName: field(fc.constantFrom("Fuzz Organizer", "", "x".repeat(101))), locale }),
  },
  "lib/actions/sign-in-with-password.ts#signInWithPassword": {
    errors: { namespace: "backoffice", prefix: "errors." },
    args: (p) => formArgs({ email: email(p), password: field(fc.constantFrom(FUZZ_PASSWORD, "wrong", "")), next }),
  },
  "lib/actions/send-sign-in-link.ts#sendSignInLink": {
    errors: { namespace: "backoffice", prefix: "errors." },
    args: (p) => formArgs({ email: email(p), next }),
  },
  "lib/actions/site-sign-in.ts#sendSiteSignInCode": {
    errors: { namespace: "site", prefix: "signIn.errors." },
    args: (p) => formArgs({ eventSlug: slug(p), email: email(p), next }),
  },
  "lib/actions/site-verify-code.ts#verifySiteSignInCode": {
    errors: { namespace: "site", prefix: "signIn.errors." },
    args: (p) => formArgs({ eventSlug: slug(p), email: email(p), code: field(fc.oneof(fc.constantFrom("123456", "000000"), fc.stringMatching(/^\d{6}$/))), next }),
  },
  "lib/actions/set-locale.ts#setLocale": { errors: null, args: () => directFormArgs({ locale }) },
  // Last: they end the session they are called with (each role signs in again for them).
  "lib/actions/site-sign-out.ts#signOutOfSite": { errors: null, args: (p) => directFormArgs({ eventSlug: slug(p) }) },
  "lib/actions/sign-out.ts#signOut": { errors: null, args: () => fc.oneof(fc.constant<unknown[]>([]), anything.map((v) => [v])) },
};
const SIGN_OUTS = new Set(["signOutOfSite", "signOut"]);

// ---------------------------------------------------------------------------------------------------------------
// Checks

const resources: Record<string, Record<string, unknown>> = {};
function translated(namespace: string, key: string): boolean {
  return ["en", "fr"].every((language) => {
    resources[`${language}/${namespace}`] ??= JSON.parse(readFileSync(join(root, "lib", "i18n", "resources", language, `${namespace}.json`), "utf8")) as Record<string, unknown>;
    let node: unknown = resources[`${language}/${namespace}`];
    for (const part of key.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
    return typeof node === "string" && node.length > 0;
  });
}

/** What is wrong with this answer, or null. Also names the outcome for the figures. */
function judge(fuzz: ActionFuzz, answer: ActionAnswer, appUrl: string): { outcome: string; problem: string | null } {
  if (answer.status >= 500) return { outcome: `HTTP ${answer.status}`, problem: `HTTP ${answer.status}: ${answer.thrown ?? answer.contentType}` };
  if (answer.thrown) return { outcome: "thrown", problem: `the action threw: ${answer.thrown}` };
  if (answer.redirect !== null) {
    const target = new URL(answer.redirect, appUrl);
    const outcome = `redirect ${target.pathname.replace(/fuzz-[ab]|demo|sommet-numerique/, "<slug>")}`;
    return { outcome, problem: target.origin === new URL(appUrl).origin ? null : `redirect out of the app: ${answer.redirect}` };
  }
  if (answer.status !== 200) return { outcome: `HTTP ${answer.status}`, problem: `HTTP ${answer.status}` };
  const result = answer.result;
  if (fuzz.errors === null) return { outcome: "done", problem: result === undefined ? null : `unexpected result ${JSON.stringify(result)}` };
  if (!result || typeof result !== "object" || !("ok" in result)) return { outcome: "?", problem: `not a result: ${JSON.stringify(result)?.slice(0, 200)}` };
  if (result.ok === true) return { outcome: "ok", problem: null };
  const { error, fieldErrors } = result as { error?: unknown; fieldErrors?: Record<string, unknown> };
  const keys = [error, ...Object.values(fieldErrors ?? {})];
  const bad = keys.find((key) => typeof key !== "string" || !key.startsWith(fuzz.errors?.prefix ?? "") || !translated(fuzz.errors?.namespace ?? "", key));
  return { outcome: String(error), problem: bad === undefined ? null : `unknown error key ${JSON.stringify(bad)} in ${JSON.stringify(result)}` };
}

function shortArgs(args: unknown[]): string {
  try {
    return JSON.stringify(args, (_, v: unknown) => (v instanceof FormData ? Object.fromEntries(v.entries()) : typeof v === "bigint" ? `${v}n` : v))?.slice(0, 300) ?? "";
  } catch {
    return "(too deep to print)";
  }
}

/** Files with a "use server" directive and the functions they export (inline actions would show up here too). */
function scannedActions(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        const text = readFileSync(path, "utf8");
        if (!/["']use server["']/.test(text)) continue;
        const file = relative(root, path);
        if (!/^\s*["']use server["']/.test(text)) found.push(`${file}#(inline "use server")`);
        for (const match of text.matchAll(/export (?:async )?function (\w+)/g)) found.push(`${file}#${match[1]}`);
      }
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(join(root, dir));
  return found.sort();
}

// ---------------------------------------------------------------------------------------------------------------

let world: FuzzWorld;
let actions: BuiltAction[];
const cookies = new Map<Role, string>();
const figures: Record<string, unknown> = {};

async function signInAll(appUrl: string): Promise<void> {
  const signIn = actions.find((a) => a.name === "signInWithPassword");
  if (!signIn) throw new Error("no signInWithPassword action in the build");
  cookies.set("anon", "");
  for (const role of ROLES.filter((r) => r !== "anon") as Exclude<Role, "anon">[]) {
    cookies.set(role, await signInCookies(appUrl, signIn.id, world.users[role].email, FUZZ_PASSWORD));
  }
}

test.beforeAll(async ({ baseURL }) => {
  actions = builtActions();
  world = await createFuzzWorld(stackInfo());
  await signInAll(baseURL ?? "");
});

test.afterAll(async () => {
  console.log(`ACTION-FUZZ ${JSON.stringify({ cases: CASES, actions: figures })}`);
  await world?.sql.end();
});

test("every server action (build manifest and source scan) has a generator", () => {
  const built = actions.map((a) => `${a.file}#${a.name}`).sort();
  expect(built.length).toBeGreaterThan(10);
  expect(built.filter((key) => !(key in FUZZ)), "actions of the build without a generator").toEqual([]);
  expect(scannedActions().filter((key) => !(key in FUZZ)), "exported from a \"use server\" file, without a generator").toEqual([]);
  expect(Object.keys(FUZZ).filter((key) => !built.includes(key)), "generators of actions that no longer exist").toEqual([]);
});

for (const [key, fuzz] of Object.entries(FUZZ)) {
  const name = key.split("#")[1];
  test(`${name}: ${CASES} generated calls, no 5xx, clear errors, no row changed by a refused call`, async ({ baseURL }) => {
    test.setTimeout(LARGE ? 1_800_000 : 300_000);
    const appUrl = baseURL ?? "";
    const action = actions.find((a) => `${a.file}#${a.name}` === key);
    if (!action) throw new Error(`${key} is not in the build`);
    if (SIGN_OUTS.has(name)) await signInAll(appUrl);
    const pages = action.pages.map((page) => pagePath(page, "fuzz-a")).filter((path): path is string => path !== null);
    expect(pages.length, `${key}: a page to call it from`).toBeGreaterThan(0);
    const pools: Pools = {
      eventIds: [...world.events.map((e) => e.id), world.demoEventId],
      slugs: [...world.events.map((e) => e.slug), "demo"],
      participantIds: world.events.flatMap((e) => e.participants.slice(0, 4)),
      viewIds: world.events.flatMap((e) => e.views),
      emails: [...Object.values(world.users).map((u) => u.email), ...world.events.flatMap((e) => e.emails.slice(1, 3))],
      keys: ["signIn.title", "companion.trad.discussionthreads.participant.organizer", "x", "signIn"],
    };
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    const roles: Record<string, number> = {};
    let before = await world.checksum();
    let slowest = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROLES), fc.constantFrom(...pages), fuzz.args(pools), async (role, page, args) => {
        const answer = await callAction(appUrl, page, action.id, args, cookies.get(role) ?? "");
        const after = await world.checksum();
        const { outcome, problem } = judge(fuzz, answer, appUrl);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        roles[role] = (roles[role] ?? 0) + 1;
        slowest = Math.max(slowest, answer.ms);
        const changed = after !== before && outcome !== "ok";
        if (problem || changed) {
          failures.push(`${role} ${page} ${shortArgs(args)} → ${problem ?? ""}${changed ? " (rows changed by a refused call)" : ""}`);
        }
        before = after;
      }),
      {
        numRuns: CASES,
        endOnFailure: true,
        // What a hand-made request sends first: no argument, null, a string instead of the input or the form.
        examples: [[], [null], ["x"], [null, "not a form"], [{}], ...(fuzz.examples?.(world) ?? [])].map((args): [Role, string, unknown[]] => [
          "organizer",
          pages[0],
          args,
        ]),
      },
    );
    const ms = Math.round(performance.now() - started);
    const unexpected = Object.entries(outcomes).reduce((sum, [outcome, count]) => sum + (outcome.endsWith(".unexpected") ? count : 0), 0);
    figures[name] = { ms, slowestCallMs: Math.round(slowest), unexpected, roles, outcomes };
    console.log(`ACTION-FUZZ ${name} ${JSON.stringify(figures[name])}`);
    expect(failures.slice(0, 5), `${name}: ${failures.length} bad answers of ${CASES}`).toEqual([]);
  });
}
