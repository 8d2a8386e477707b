// Calling the app's server actions over HTTP exactly as the browser does, for e2e/security-actions.spec.ts: the action
// ids come from the build (.next/server/server-reference-manifest.json), the arguments are encoded with React's own
// `encodeReply` (the one Next's router uses), the answer is decoded with React's Flight client.
import { createClient } from "@supabase/supabase-js";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import pg from "pg";
import { e2eStack, e2eStackSecrets } from "./support/stack.ts";

const root = join(import.meta.dirname, "..");

/** One server action of the build. */
export interface BuiltAction {
  id: string;
  name: string;
  /** Source file, relative to the project: `lib/actions/send-message.ts`. */
  file: string;
  /** App paths of the pages that import it (`app/(backoffice)/admin/events/[eventSlug]/participants/page`). */
  pages: string[];
}

interface ManifestEntry {
  exportedName?: string;
  filename?: string;
  workers: Record<string, unknown>;
}

export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(readFileSync(join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: entry.exportedName ?? "",
    file: entry.filename ?? "",
    pages: Object.keys(entry.workers),
  }));
}

/** A URL path of the page `app/(site)/e/[eventSlug]/page` for the event `slug`; null when it needs other parameters. */
export function pagePath(appPage: string, slug: string): string | null {
  const segments = appPage
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment))
    .map((segment) => (segment === "[eventSlug]" ? slug : segment));
  if (segments.some((segment) => segment.startsWith("[") || segment.startsWith("_"))) return null;
  return `/${segments.join("/")}`;
}

// React's Flight client as Next bundles it (the browser's copy is the same code for the browser).
interface FlightClient {
  encodeReply(value: unknown[]): Promise<string | FormData>;
  createFromReadableStream(
    stream: ReadableStream<Uint8Array>,
    options: { serverConsumerManifest: { moduleMap: null; serverModuleMap: null; moduleLoading: null } },
  ): Promise<{ a?: Promise<unknown> | unknown }>;
}
const flight = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.edge") as FlightClient;
// An answer that re-renders the page (after a revalidation or a cookie change) references client components; they are
// never rendered here, but decoding loads them: give the decoder an empty module for each.
Object.assign(globalThis, { __webpack_chunk_load__: () => Promise.resolve(), __next_require__: () => ({}) });

/** Action arguments encoded as the browser's router sends them (a string, or a FormData when a form is among them). */
export function encodeActionArgs(args: unknown[]): Promise<string | FormData> {
  return flight.encodeReply(args);
}

/** fast-check builds some objects without a prototype; the browser's arguments are plain objects. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
  }
  return value;
}

export interface ActionAnswer {
  status: number;
  /** Where the app sent the browser: `x-action-redirect` (the action called redirect()) or an HTTP redirect (proxy). */
  redirect: string | null;
  /** The action's return value; `thrown` when the answer carries an error instead (an exception in the action). */
  result: unknown;
  thrown: string | null;
  contentType: string;
  ms: number;
}

export async function callAction(
  appUrl: string,
  path: string,
  actionId: string,
  args: unknown[],
  cookie: string,
): Promise<ActionAnswer> {
  const body = await flight.encodeReply(args.map(plain));
  const started = performance.now();
  const response = await fetch(new URL(path, appUrl), {
    method: "POST",
    redirect: "manual",
    headers: {
      accept: "text/x-component",
      "next-action": actionId,
      origin: new URL(appUrl).origin,
      ...(cookie ? { cookie } : {}),
    },
    body,
  });
  const contentType = response.headers.get("content-type") ?? "";
  const actionRedirect = response.headers.get("x-action-redirect");
  const location = response.headers.get("location");
  const answer: ActionAnswer = {
    status: response.status,
    redirect: actionRedirect ? actionRedirect.split(";")[0] : location,
    result: undefined,
    thrown: null,
    contentType,
    ms: 0,
  };
  if (contentType.startsWith("text/x-component") && response.body && !actionRedirect) {
    try {
      const root = await flight.createFromReadableStream(response.body, {
        serverConsumerManifest: { moduleMap: null, serverModuleMap: null, moduleLoading: null },
      });
      answer.result = await root.a;
    } catch (error) {
      answer.thrown = error instanceof Error ? `${error.message}${"digest" in error ? ` (digest ${String(error.digest)})` : ""}` : String(error);
    }
  } else {
    await response.arrayBuffer();
  }
  answer.ms = performance.now() - started;
  return answer;
}

/** What scripts/e2e-server.ts wrote about its throw-away stack. */
export interface StackInfo {
  supabaseUrl: string;
  secretKey: string;
  postgresUrl: string;
}

export function stackInfo(): StackInfo {
  return { ...e2eStack(), ...e2eStackSecrets() };
}

export const FUZZ_PASSWORD = "fuzz-password-1";

/** The accounts and events the fuzzing writes into, apart from the demo (other specs rely on the demo as seeded). */
export interface FuzzWorld {
  sql: pg.Client;
  users: Record<"organizer" | "otherOrganizer" | "translator" | "participant", { id: string; email: string }>;
  events: { id: string; slug: string; participants: string[]; views: string[]; emails: string[] }[];
  demoEventId: string;
  checksum(): Promise<string>;
}

const VIEW_DEFINITION = { filters: [{ column: "company", operator: "contains", value: "a" }], sort: { column: "last_name", direction: "asc" } };

export async function createFuzzWorld(info: StackInfo): Promise<FuzzWorld> {
  const admin = createClient(info.supabaseUrl, info.secretKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const sql = new pg.Client({ connectionString: info.postgresUrl });
  await sql.connect();
  const userId = async (email: string): Promise<string> => {
    const existing = await sql.query<{ id: string }>("select id from auth.users where email = $1", [email]);
    if (existing.rows[0]) return existing.rows[0].id;
    const { data, error } = await admin.auth.admin.createUser({ email, password: FUZZ_PASSWORD, email_confirm: true });
    if (error || !data.user) throw new Error(`could not create ${email}: ${error?.message}`);
    return data.user.id;
  };
  const users = {
    organizer: { email: "fuzz-organizer@fuzz.example", id: "" },
    otherOrganizer: { email: "fuzz-other-organizer@fuzz.example", id: "" },
    translator: { email: "fuzz-translator@fuzz.example", id: "" },
    participant: { email: "fuzz-participant@fuzz.example", id: "" },
  };
  for (const user of Object.values(users)) user.id = await userId(user.email);

  const events: FuzzWorld["events"] = [];
  for (const [index, slug] of ["fuzz-a", "fuzz-b"].entries()) {
    await sql.query("insert into public.events (slug, name, default_locale) values ($1, $2, $3) on conflict (slug) do nothing", [
      slug,
      `Fuzz ${slug}`,
      index === 0 ? "en" : "fr",
    ]);
    const id = (await sql.query<{ id: string }>("select id from public.events where slug = $1", [slug])).rows[0].id;
    await sql.query("insert into public.site_settings (event_id) values ($1) on conflict (event_id) do nothing", [id]);
    const team = index === 0 ? [[users.organizer.id, "organizer"], [users.translator.id, "translator"]] : [[users.otherOrganizer.id, "organizer"]];
    for (const [user, role] of team) {
      await sql.query("insert into public.event_members (event_id, user_id, role) values ($1, $2, $3) on conflict do nothing", [id, user, role]);
    }
    const count = index === 0 ? 20 : 5;
    const emails = Array.from({ length: count }, (_, i) => (index === 0 && i === 0 ? users.participant.email : `p${i}@${slug}.fuzz.example`));
    for (const [i, email] of emails.entries()) {
      await sql.query(
        `insert into public.participants (event_id, user_id, first_name, last_name, email, company)
         values ($1, $2, $3, 'Fuzz', $4, 'Acme') on conflict (event_id, email) do nothing`,
        [id, email === users.participant.email ? users.participant.id : null, `P${i}`, email],
      );
    }
    for (const name of ["Fuzz view 1", "Fuzz view 2"]) {
      await sql.query("insert into public.participant_views (event_id, name, definition) values ($1, $2, $3) on conflict do nothing", [
        id,
        name,
        JSON.stringify(VIEW_DEFINITION),
      ]);
    }
    const participants = (await sql.query<{ id: string }>("select id from public.participants where event_id = $1 order by email", [id])).rows;
    const views = (await sql.query<{ id: string }>("select id from public.participant_views where event_id = $1 order by name", [id])).rows;
    events.push({ id, slug, participants: participants.map((r) => r.id), views: views.map((r) => r.id), emails });
  }
  for (const [user, name] of [[users.organizer.id, "Fuzz Organizer"], [users.otherOrganizer.id, "Fuzz Other"], [users.translator.id, "Fuzz Translator"]]) {
    await sql.query("insert into public.profiles (user_id, display_name) values ($1, $2) on conflict do nothing", [user, name]);
  }
  const demoEventId = (await sql.query<{ id: string }>("select id from public.events where slug = 'demo'")).rows[0].id;

  const tables = (
    await sql.query<{ name: string }>(
      "select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1",
    )
  ).rows.map((r) => r.name);
  const checksumSql = `select ${tables.map((t) => `(select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) from public.${t} x)`).join(" || ")} as sum`;
  const checksum = async () => (await sql.query<{ sum: string }>(checksumSql)).rows[0].sum;
  return { sql, users, events, demoEventId, checksum };
}

/** Signs in through the app's own sign-in action (as the sign-in form does) and returns the session cookies. */
export async function signInCookies(appUrl: string, signInActionId: string, email: string, password: string): Promise<string> {
  const form = new FormData();
  form.set("email", email);
  form.set("password", password);
  const body = await flight.encodeReply([null, form]);
  const response = await fetch(new URL("/admin/sign-in", appUrl), {
    method: "POST",
    redirect: "manual",
    headers: { accept: "text/x-component", "next-action": signInActionId, origin: new URL(appUrl).origin },
    body,
  });
  await response.arrayBuffer();
  const cookies = response.headers.getSetCookie().map((line) => line.split(";")[0]);
  if (!response.headers.get("x-action-redirect") || cookies.length === 0) throw new Error(`could not sign in ${email}: ${response.status}`);
  return cookies.join("; ");
}
