// Access: every page and route handler of the app (found by scanning app/, so a new one cannot be forgotten: an
// unclassified route fails the first test), each requested as every kind of outsider of the demo event — anon, the
// organizer of another event, the demo event's translator, another participant of the demo event, a participant of
// another event — and as insiders for contrast. Checks the status code (redirect to the right sign-in, 404, or 200) AND
// that the response HTML (which carries the page's RSC payload: everything the page rendered) holds none of the demo
// event's private data the actor may not see: unique message texts planted in two conversations, participant emails.
import { randomUUID } from "node:crypto";
import type { APIResponse, Browser, BrowserContext } from "@playwright/test";
import { createClient } from "@supabase/supabase-js";
import type { Database } from "../lib/database.types";
import { DEMO_ORGANIZER_2, DEMO_PARTICIPANT, DEMO_TRANSLATOR } from "../scripts/demo.ts";
import { SIGN_IN_PATH } from "../lib/routes";
import { expect, test } from "./fixtures";
import { SignInPage } from "./pages/sign-in.page";
import { SitePage, waitForSignInMail } from "./pages/site.page";
import { e2eAdmin, ensureAccount } from "./support/admin";
import { e2eStack } from "./support/stack";
import { DEMO_EVENT, DEMO_EVENT_FR } from "./support/accounts";
import { appRoutes, ROUTES, type RouteClass } from "./support/routes";

type ActorName = "anon" | "organizer2" | "outsiderOrganizer" | "translator" | "emma" | "otherParticipant" | "foreignParticipant";

interface World {
  emmaId: string;
  emmaThread: number;
  otherId: string;
  otherThread: number;
  /** Unique texts in Emma's and the other participant's conversations. */
  emmaSecret: string;
  otherSecret: string;
  otherEmail: string;
  /** Emails of demo participants without an account (nobody but organizers sees them). */
  demoEmails: string[];
}

const OUTSIDER_ORGANIZER = { email: "olga.outsider@example.com", password: "outsider-organizer-pw" };
const OTHER_PARTICIPANT = { email: "oscar.otherson@example.com", password: "other-participant-pw" };
const FOREIGN_PARTICIPANT = { email: "fanny.foreign@example.com", password: "foreign-participant-pw" };

async function plant(): Promise<World> {
  const admin = e2eAdmin();
  const events = await admin.from("events").select("id, slug").in("slug", [DEMO_EVENT.slug, DEMO_EVENT_FR.slug]);
  if (events.error) throw events.error;
  const demoId = events.data.find((event) => event.slug === DEMO_EVENT.slug)?.id ?? "";
  const frId = events.data.find((event) => event.slug === DEMO_EVENT_FR.slug)?.id ?? "";

  // The organizer of another event only (the seeded organizers run both events or the demo one).
  const outsiderId = await ensureAccount(admin, OUTSIDER_ORGANIZER.email, OUTSIDER_ORGANIZER.password);
  const team = await admin.from("event_members").upsert({ event_id: frId, user_id: outsiderId, role: "organizer" });
  if (team.error) throw team.error;
  await admin.from("profiles").upsert({ user_id: outsiderId, display_name: "Olga Outsider", locale: "en" });
  // Another participant of the demo event and a participant of the French event, with accounts.
  const otherUser = await ensureAccount(admin, OTHER_PARTICIPANT.email, OTHER_PARTICIPANT.password);
  const foreignUser = await ensureAccount(admin, FOREIGN_PARTICIPANT.email, FOREIGN_PARTICIPANT.password);
  const inserted = await admin
    .from("participants")
    .upsert(
      [
        { event_id: demoId, user_id: otherUser, email: OTHER_PARTICIPANT.email, first_name: "Oscar", last_name: "Otherson" },
        { event_id: frId, user_id: foreignUser, email: FOREIGN_PARTICIPANT.email, first_name: "Fanny", last_name: "Foreign" },
      ],
      { onConflict: "event_id,email" },
    )
    .select("id, email");
  if (inserted.error) throw inserted.error;
  const otherId = inserted.data.find((row) => row.email === OTHER_PARTICIPANT.email)?.id ?? "";
  const emma = await admin.from("participants").select("id").eq("event_id", demoId).eq("email", DEMO_PARTICIPANT.email).single();
  if (emma.error) throw emma.error;

  // A unique text in each conversation, written by the demo organizer through the product's function.
  const emmaSecret = `Private-to-Emma-${randomUUID()}`;
  const otherSecret = `Private-to-Oscar-${randomUUID()}`;
  const { supabaseUrl, publishableKey } = e2eStack();
  const organizer = createClient<Database>(supabaseUrl, publishableKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const signedIn = await organizer.auth.signInWithPassword({ email: DEMO_ORGANIZER_2.email, password: DEMO_ORGANIZER_2.password });
  if (signedIn.error) throw signedIn.error;
  const threadOf = async (participantId: string, body: string): Promise<number> => {
    const { data, error } = await organizer.rpc("start_conversation", { target_participant_id: participantId, body });
    if (error) throw error;
    return Number((data as { thread_id?: number }).thread_id);
  };
  const emmaThread = await threadOf(emma.data.id, emmaSecret);
  const otherThread = await threadOf(otherId, otherSecret);
  await organizer.auth.signOut();

  const sample = await admin.from("participants").select("email").eq("event_id", demoId).is("user_id", null).order("email").limit(20);
  if (sample.error) throw sample.error;
  return {
    emmaId: emma.data.id,
    emmaThread,
    otherId,
    otherThread,
    emmaSecret,
    otherSecret,
    otherEmail: OTHER_PARTICIPANT.email,
    demoEmails: sample.data.map((row) => row.email),
  };
}

let world: World;
const contexts = new Map<ActorName, BrowserContext>();

/** A browser context signed in as the actor (cookies shared with its `request`). */
async function signIn(browser: Browser, actor: ActorName): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const backOffice = { organizer2: DEMO_ORGANIZER_2, outsiderOrganizer: OUTSIDER_ORGANIZER, translator: DEMO_TRANSLATOR } as const;
  const site = { emma: [DEMO_EVENT.slug, DEMO_PARTICIPANT.email], otherParticipant: [DEMO_EVENT.slug, OTHER_PARTICIPANT.email], foreignParticipant: [DEMO_EVENT_FR.slug, FOREIGN_PARTICIPANT.email] } as const;
  if (actor in backOffice) {
    const account = backOffice[actor as keyof typeof backOffice];
    const signInPage = new SignInPage(page);
    await page.goto(SIGN_IN_PATH, { timeout: 60_000 });
    await signInPage.signInWithPassword(account.email, account.password);
    await page.waitForURL((url) => url.pathname !== SIGN_IN_PATH, { timeout: 60_000 });
  } else if (actor in site) {
    const [slug, email] = site[actor as keyof typeof site];
    const sitePage = new SitePage(page, slug);
    await sitePage.goto("/sign-in");
    // The French event's site is in French.
    if (slug === DEMO_EVENT_FR.slug) {
      const since = new Date(Date.now() - 1000);
      await page.getByLabel("E-mail", { exact: true }).fill(email);
      await page.getByRole("button", { name: "Recevoir un code par e-mail" }).click();
      const mail = await waitForSignInMail(email, since);
      await page.getByLabel("Code à 6 chiffres").fill(mail.otp ?? "");
      await page.getByRole("button", { name: "Se connecter", exact: true }).click();
      await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
    } else {
      await sitePage.signInWithCode(email);
      await sitePage.expectSignedIn();
    }
  }
  await page.close();
  return context;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  world = await plant();
  for (const actor of ["anon", "organizer2", "outsiderOrganizer", "translator", "emma", "otherParticipant", "foreignParticipant"] as const) {
    contexts.set(actor, await signIn(browser, actor));
  }
});

test.afterAll(async () => {
  await Promise.all([...contexts.values()].map((context) => context.close()));
});

test("every route of app/ is classified", () => {
  const found = appRoutes();
  expect(found.length).toBeGreaterThan(10);
  expect(found.filter((route) => !(route in ROUTES)), "routes without an access class in e2e/support/routes.ts").toEqual([]);
  expect(Object.keys(ROUTES).filter((route) => !found.includes(route)), "classified routes that no longer exist").toEqual([]);
});

/** The concrete URLs of a route pattern in the demo event, deep links included. */
function urlsOf(pattern: string): string[] {
  const base = pattern.replace("[eventSlug]", DEMO_EVENT.slug);
  if (pattern.endsWith("[threadId]")) return [base.replace("[threadId]", String(world.emmaThread))];
  if (pattern.endsWith("/participants")) {
    return [base, `${base}?participant=${world.emmaId}&tab=details`, `${base}?participant=${world.emmaId}&tab=messages`];
  }
  if (pattern.endsWith("/admin/events/[eventSlug]/messages")) {
    return [base, `${base}?thread=${world.emmaThread}`, `${base}?participant=${world.emmaId}`, `${base}?q=Emma`];
  }
  return [base];
}

type Expected = { status: 200 } | { status: 404 } | { redirect: RegExp } | { anyOf: "ok-or-redirect" };

function expected(route: RouteClass, actor: ActorName, url: string): Expected {
  const siteSignIn = new RegExp(`^/e/${DEMO_EVENT.slug}/sign-in\\?next=`);
  const backOfficeSignIn = /^\/admin\/sign-in\?next=/;
  const demoParticipant = actor === "emma" || actor === "otherParticipant";
  switch (route) {
    case "public":
      return { anyOf: "ok-or-redirect" }; // the sign-in page sends a signed-in visitor to /admin
    case "backoffice":
      return actor === "anon" ? { redirect: backOfficeSignIn } : { status: 200 };
    case "event-team":
      if (actor === "anon") return { redirect: backOfficeSignIn };
      if (actor === "organizer2" || actor === "translator") return url.endsWith(`/events/${DEMO_EVENT.slug}`) ? { redirect: /\/(participants|translations)$/ } : { status: 200 };
      return { status: 404 };
    case "event-organizer":
      if (actor === "anon") return { redirect: backOfficeSignIn };
      return actor === "organizer2" ? { status: 200 } : { status: 404 };
    case "site-public":
      return { anyOf: "ok-or-redirect" }; // the site's sign-in sends a signed-in participant on
    case "site-participant":
      if (!demoParticipant) return { redirect: siteSignIn };
      // "Contact the organizer" opens the participant's own conversation when there is one (both have one here).
      if (url.endsWith("/contact")) return { redirect: new RegExp(`^/e/${DEMO_EVENT.slug}/messages/${actor === "emma" ? world.emmaThread : world.otherThread}$`) };
      return { status: 200 };
    case "site-thread":
      if (actor === "emma") return { status: 200 };
      return actor === "otherParticipant" ? { status: 404 } : { redirect: siteSignIn };
    case "auth-callback":
      return { redirect: /sign-in\?(.*&)?error=link/ };
  }
}

/** What an insider's page must show (so the absence checks above are not vacuous). */
function mustShow(actor: ActorName, url: string): string[] {
  // (The participant window loads its conversation in the browser; the inbox renders the opened one on the server.)
  if (actor === "organizer2" && url.includes(`thread=${world.emmaThread}`)) return [world.emmaSecret];
  if (actor === "emma" && url.endsWith(`/messages/${world.emmaThread}`)) return [world.emmaSecret];
  return [];
}

/** The private texts an actor may not find in any response (organizers of the demo event may see everything). */
function forbiddenFor(actor: ActorName): string[] {
  const all = [world.emmaSecret, world.otherSecret, DEMO_PARTICIPANT.email, world.otherEmail, ...world.demoEmails];
  if (actor === "organizer2") return [];
  if (actor === "emma") return all.filter((text) => text !== world.emmaSecret && text !== DEMO_PARTICIPANT.email);
  if (actor === "otherParticipant") return all.filter((text) => text !== world.otherSecret && text !== world.otherEmail);
  return all;
}

function location(response: APIResponse): string {
  const header = response.headers()["location"] ?? "";
  return header.startsWith("http") ? `${new URL(header).pathname}${new URL(header).search}` : header;
}

const ACTORS: ActorName[] = ["anon", "outsiderOrganizer", "translator", "emma", "otherParticipant", "foreignParticipant", "organizer2"];

for (const actor of ACTORS) {
  test(`every route as ${actor}`, async () => {
    test.setTimeout(180_000);
    const request = (contexts.get(actor) as BrowserContext).request;
    const forbidden = forbiddenFor(actor);
    const results: string[] = [];
    for (const [pattern, route] of Object.entries(ROUTES)) {
      for (const url of urlsOf(pattern)) {
        const response = await request.get(url, { maxRedirects: 0, timeout: 60_000 });
        const status = response.status();
        const where = location(response);
        const want = expected(route, actor, url);
        const got = `${status}${where ? ` → ${where}` : ""}`;
        results.push(`${url}: ${got}`);
        if ("status" in want) expect(status, `${actor} ${url} (${got})`).toBe(want.status);
        else if ("redirect" in want) {
          expect([303, 307, 308], `${actor} ${url} (${got})`).toContain(status);
          expect(where, `${actor} ${url}`).toMatch(want.redirect);
        } else expect(status, `${actor} ${url} (${got})`).toBeLessThan(400);
        const html = await response.text();
        const leaked = forbidden.filter((text) => html.includes(text));
        expect(leaked, `private data in ${url} as ${actor}`).toEqual([]);
        for (const text of mustShow(actor, url)) expect(html, `${url} as ${actor} shows ${text}`).toContain(text);
      }
    }
    // Also the other participant's thread id as Emma, and ids that are not a thread of hers.
    if (actor === "emma" || actor === "otherParticipant") {
      const foreignThread = actor === "emma" ? world.otherThread : world.emmaThread;
      for (const id of [String(foreignThread), `0${foreignThread}`, "999999999", "abc", "-1"]) {
        const url = `/e/${DEMO_EVENT.slug}/messages/${id}`;
        const response = await request.get(url, { maxRedirects: 0 });
        expect(response.status(), `${actor} ${url}`).toBe(404);
        const html = await response.text();
        expect(forbidden.filter((text) => html.includes(text)), `private data in ${url} as ${actor}`).toEqual([]);
        results.push(`${url}: ${response.status()}`);
      }
    }
    console.log(`ACCESS ${actor}: ${results.length} requests\n  ${results.join("\n  ")}`);
  });
}
