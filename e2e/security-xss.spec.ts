// XSS: hostile strings planted in everything a user can write (messages both ways, participant fields, the organizer's
// display name, translation overrides, CMS header menu labels and URLs, saved view names, the event name) and in URLs
// (?q=, ?next=, ?error=), then every screen that renders them visited as the organizer and as the participant. Each
// payload calls the `__xss` binding if it runs; the DOM must hold no inline handler, iframe or javascript:/data: link,
// and the payload must read as text where the screen shows it.
//
// The data lives in a dedicated event ("xss-lab") with its own organizer and participants, planted with the service
// role (around the app's forms, as a hand-written row or another client would), so the demo event other specs use is
// untouched. Two payloads also go through the UI: an organizer reply and a participant message.
import { randomUUID } from "node:crypto";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "../lib/database.types";
import { inboxPath, participantsPath, PROFILE_PATH, siteAdminPath, siteMessagesPath, sitePath, siteSignInPath, translationsPath } from "../lib/routes";
import { expect, test } from "./fixtures";
import { CmsPage } from "./pages/cms.page";
import { ConversationPage } from "./pages/conversation.page";
import { InboxPage } from "./pages/inbox.page";
import { ParticipantsPage } from "./pages/participants.page";
import { SignInPage } from "./pages/sign-in.page";
import { SitePage } from "./pages/site.page";
import { TranslationsPage } from "./pages/translations.page";
import { allPayloads, displayedInOrder, payload, XssWatch } from "./pages/xss.page";
import { e2eAdmin, emailProvenClient, ensureAccount } from "./support/admin";
import { e2eStack } from "./support/stack";

const SLUG = "xss-lab";
const ORGANIZER = { email: "xss-organizer@example.com", password: "xss-organizer-pw" };
const PARTICIPANT = { email: "xss-participant@example.com", password: "xss-participant-pw" };
const CONVERSATION_KEY = "companion.trad.discussionthreads.participant.organizer";

/** What is planted, as the screens must show it (text, not markup). */
const PLANTED = {
  eventName: `XSS Lab ${payload.svg(1)} ${payload.img(2)} {{constructor}} \u202Eevil\u200B`,
  displayName: `Org ${payload.img(3)} ${payload.script(4)}`,
  firstName: payload.img(5),
  lastName: payload.iframe(6),
  company: payload.svg(7),
  jobTitle: payload.template(8),
  otherFirstName: payload.bidi(9),
  otherLastName: `Zero\u200Bwidth ${payload.jsUrl(10)}`,
  otherEmail: `"><svg/onload=__xss(11)>@example.com`,
  organizerMessage: allPayloads(100),
  participantMessage: allPayloads(200),
  broadcast: `Broadcast ${payload.script(300)} ${payload.img(301)}`,
  conversationName: `${payload.img(20)} {{eventName}} ${payload.script(21)}`,
  welcome: `${payload.svg(22)} {{eventName}}`,
  messagesTitle: payload.jsUrl(23),
  signedInAs: `${payload.iframe(24)} {{name}}`,
  /** Breaks the default's placeholders: the site shows the default ("Home") instead. */
  home: "{{constructor}} {{__proto__}}",
  menuLabels: [payload.img(30), payload.svg(31), `Venue ${payload.script(33)}`, "JS link", "Data link"],
  menuTargets: ["messages", "javascript:__xss(32)", `https://example.com/"><svg onload=__xss(34)>`, " JavaScript:__xss(35)", "data:text/html,<script>__xss(36)</script>"],
  viewNames: [payload.img(40), `${payload.iframe(41)} {{constructor}}`],
  viewSearch: payload.script(42),
};

interface World {
  eventId: string;
  participantId: string;
  otherParticipantId: string;
  threadId: number;
}

async function signedIn(email: string, password: string): Promise<SupabaseClient<Database>> {
  const { supabaseUrl, publishableKey } = e2eStack();
  const client = createClient<Database>(supabaseUrl, publishableKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return client;
}

/** Throws on an error; for writes that return nothing. */
function ok(result: { error: { message: string } | null }, what: string): void {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
}

function must<T>(result: { data: T; error: { message: string } | null }, what: string): NonNullable<T> {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.data === null || result.data === undefined) throw new Error(`${what}: no data`);
  return result.data;
}

async function plant(): Promise<World> {
  const admin = e2eAdmin();
  ok(await admin.from("events").delete().eq("slug", SLUG), "clean up");
  const organizerId = await ensureAccount(admin, ORGANIZER.email, ORGANIZER.password);
  const participantUserId = await ensureAccount(admin, PARTICIPANT.email, PARTICIPANT.password);
  const event = must(await admin.from("events").insert({ slug: SLUG, name: PLANTED.eventName, default_locale: "en" }).select("id").single(), "event");
  ok(await admin.from("event_members").insert({ event_id: event.id, user_id: organizerId, role: "organizer" }), "team");
  ok(await admin.from("profiles").upsert({ user_id: organizerId, display_name: PLANTED.displayName, locale: "en" }), "profile");
  const participants = must(
    await admin
      .from("participants")
      .insert([
        {
          event_id: event.id,
          user_id: participantUserId,
          email: PARTICIPANT.email,
          first_name: PLANTED.firstName,
          last_name: PLANTED.lastName,
          company: PLANTED.company,
          job_title: PLANTED.jobTitle,
        },
        { event_id: event.id, email: PLANTED.otherEmail, first_name: PLANTED.otherFirstName, last_name: PLANTED.otherLastName, company: payload.template(12) },
      ])
      .select("id, email"),
    "participants",
  );
  const participantId = participants.find((row) => row.email === PARTICIPANT.email)?.id ?? "";
  const otherParticipantId = participants.find((row) => row.email !== PARTICIPANT.email)?.id ?? "";
  ok(
    await admin.from("translation_overrides").insert(
      (
        [
          [CONVERSATION_KEY, PLANTED.conversationName],
          ["home.welcome", PLANTED.welcome],
          ["messages.title", PLANTED.messagesTitle],
          ["header.signedInAs", PLANTED.signedInAs],
          ["header.home", PLANTED.home],
        ] as const
      ).map(([key, value]) => ({ event_id: event.id, locale: "en", key, value })),
    ),
    "overrides",
  );
  const menu = PLANTED.menuLabels.map((label, index) => ({ id: `item${index}`, label: { en: label, fr: "" }, target: PLANTED.menuTargets[index] }));
  ok(await admin.from("site_settings").insert({ event_id: event.id, allow_contact_organizer: true, header_menu: menu }), "site settings");
  ok(
    await admin.from("participant_views").insert([
      { event_id: event.id, name: PLANTED.viewNames[0], definition: { filters: [] } },
      { event_id: event.id, name: PLANTED.viewNames[1], definition: { search: PLANTED.viewSearch, filters: [] } },
    ]),
    "views",
  );

  // Messages through the product's own functions, as the organizer and the participant.
  const organizer = await signedIn(ORGANIZER.email, ORGANIZER.password);
  const started = must(await organizer.rpc("start_conversation", { target_participant_id: participantId, body: PLANTED.organizerMessage }), "organizer message");
  const threadId = Number((started as { thread_id?: number }).thread_id);
  const participant = await emailProvenClient(PARTICIPANT.email);
  ok(await participant.rpc("post_message", { thread_id: threadId, body: PLANTED.participantMessage }), "participant message");
  ok(
    await organizer.rpc("send_broadcast", {
      target_event_id: event.id,
      body: PLANTED.broadcast,
      audience: { kind: "selection", participantIds: [participantId, otherParticipantId] },
      idempotency_key: randomUUID(),
    }),
    "broadcast",
  );
  await Promise.all([organizer.auth.signOut(), participant.auth.signOut()]);
  return { eventId: event.id, participantId, otherParticipantId, threadId };
}

let world: World;

/** An interpolated value holding bidi controls is isolated (FSI … PDI, lib/i18n/instance.ts): so is the event name. */
const isolated = (value: string) => `\u2068${value}\u2069`;

test.beforeAll(async () => {
  world = await plant();
});

const fullName = `${PLANTED.firstName} ${PLANTED.lastName}`;
const shot = (page: import("@playwright/test").Page, name: string) => page.screenshot({ path: `test-results/screenshots/xss-${name}.png` });

test("the back-office renders planted payloads as text: no script runs, no hostile link", async ({ page, context }) => {
  test.setTimeout(240_000);
  const watch = await XssWatch.attach(context);

  await test.step("sign-in with a javascript: next goes to the back-office home, which lists the event", async () => {
    const signIn = new SignInPage(page);
    await page.goto(`/admin/sign-in?next=${encodeURIComponent("javascript:__xss(50)//")}&error=${encodeURIComponent(payload.img(51))}`, { timeout: 60_000 });
    await watch.expectInert(page, "sign-in");
    await signIn.signInWithPassword(ORGANIZER.email, ORGANIZER.password);
    await page.waitForURL((url) => url.pathname === "/admin", { timeout: 60_000 });
    await expect(page.getByRole("main")).toContainText(PLANTED.eventName);
    await expect(page.getByRole("banner")).toContainText(PLANTED.displayName);
    await watch.expectInert(page, "admin home");
  });

  const grid = new ParticipantsPage(page);
  await test.step("participants grid: names, company, job title, email", async () => {
    await page.goto(participantsPath(SLUG), { timeout: 60_000 });
    await expect(grid.table).toBeVisible({ timeout: 60_000 });
    await grid.waitForIdle();
    await expect(grid.row(fullName)).toContainText(PLANTED.company);
    await expect(grid.row(fullName)).toContainText(PLANTED.jobTitle);
    await expect(grid.table).toContainText(PLANTED.otherEmail);
    await expect(grid.table).toContainText(PLANTED.otherLastName);
    await expect(page.locator("aside")).toContainText(PLANTED.eventName);
    await watch.expectInert(page, "grid");
    await shot(page, "grid");
  });

  await test.step("views bar: saved view names in the picker; a view whose search is a payload", async () => {
    await grid.viewPicker.click();
    for (const name of PLANTED.viewNames) await expect(page.getByRole("menuitemradio", { name })).toBeVisible();
    await watch.expectInert(page, "view picker");
    await shot(page, "views");
    await page.getByRole("menuitemradio", { name: PLANTED.viewNames[1] }).click();
    await grid.waitForIdle();
    await expect(grid.currentViewName).toContainText(PLANTED.viewNames[1]);
    await expect(grid.search).toHaveValue(PLANTED.viewSearch);
    await watch.expectInert(page, "view with a payload search");
  });

  await test.step("search reflected in the URL (?q=)", async () => {
    const q = payload.img(52);
    await page.goto(`${participantsPath(SLUG)}?q=${encodeURIComponent(q)}`);
    await expect(grid.search).toHaveValue(q);
    await grid.waitForIdle();
    await watch.expectInert(page, "grid ?q=");
  });

  await test.step("participant window: details and Messages tab, then a payload reply through the UI", async () => {
    await page.goto(`${participantsPath(SLUG)}?participant=${world.participantId}&tab=details`);
    await expect(grid.participantWindow).toContainText(PLANTED.firstName, { timeout: 30_000 });
    await expect(grid.participantWindow).toContainText(PLANTED.lastName);
    await expect(grid.participantWindow).toContainText(PLANTED.company);
    await watch.expectInert(page, "participant window details");
    await grid.participantWindow.getByRole("tab", { name: "Messages" }).click();
    const conversation = new ConversationPage(page, grid.participantWindow);
    await expect(conversation.messages.first()).toBeVisible({ timeout: 30_000 });
    await expect(conversation.root).toContainText(payload.iframe(103));
    await expect(conversation.root).toContainText(payload.script(201));
    await expect(conversation.root).toContainText(PLANTED.broadcast);
    const reply = `UI reply ${payload.svg(60)} ${payload.jsUrl(61)}`;
    await conversation.reply(reply);
    await expect(conversation.message(reply)).toBeVisible();
    await watch.expectInert(page, "participant window messages");
    await shot(page, "participant-window-messages");
  });

  const inbox = new InboxPage(page);
  await test.step("inbox: list, conversation, ?q=", async () => {
    await inbox.goto(SLUG);
    await expect(inbox.rows.first()).toContainText(PLANTED.firstName, { timeout: 30_000 });
    // The event name ends with a right-to-left override: the rest of the sentence must still read left to right.
    const subtitle = page.getByText("Every conversation with the participants of", { exact: false });
    await expect(subtitle).toContainText(`participants of ${isolated(PLANTED.eventName)}, newest`);
    expect(await displayedInOrder(subtitle, "newest", "first"), "the subtitle after the event name reads left to right").toBe(true);
    await watch.expectInert(page, "inbox list");
    await inbox.goto(SLUG, `?thread=${world.threadId}`);
    await expect(inbox.conversationTitle).toContainText(PLANTED.firstName, { timeout: 30_000 });
    await expect(inbox.conversation.root).toContainText(payload.bidi(206));
    await expect(inbox.conversation.root).toContainText(`https://example.com/"><svg onload=__xss(107)>`);
    await watch.expectInert(page, "inbox conversation");
    await shot(page, "inbox-conversation");
    const q = payload.svg(53);
    await inbox.goto(SLUG, `?q=${encodeURIComponent(q)}`);
    await expect(inbox.search).toHaveValue(q);
    await watch.expectInert(page, "inbox ?q=");
  });

  await test.step("translation tool: the overrides", async () => {
    const translations = new TranslationsPage(page);
    await page.goto(translationsPath(SLUG), { waitUntil: "networkidle" });
    await translations.search.fill(CONVERSATION_KEY);
    await expect(translations.row(CONVERSATION_KEY)).toContainText(PLANTED.conversationName);
    await watch.expectInert(page, "translation tool");
    await shot(page, "translations");
    await page.goto(`${translationsPath(SLUG)}?q=${encodeURIComponent(payload.img(54))}`, { waitUntil: "networkidle" });
    await watch.expectInert(page, "translation tool ?q=");
  });

  await test.step("CMS editor: labels in their fields; a javascript: target is refused on save", async () => {
    const cms = new CmsPage(page);
    await cms.goto(SLUG);
    // The stored items that are not valid (javascript:, data:) are left out; the others show their text.
    await expect(cms.item(1).getByLabel("Label (English)")).toHaveValue(PLANTED.menuLabels[0]);
    await expect(page.getByRole("main").getByLabel("Target").nth(1)).toHaveValue(PLANTED.menuTargets[2]);
    await watch.expectInert(page, "CMS editor");
    await cms.add({ en: payload.img(62), fr: "" }, "javascript:__xss(63)");
    await cms.save.click();
    await expect(cms.alert.first()).toBeVisible();
    await watch.expectInert(page, "CMS editor after a refused save");
    await shot(page, "cms");
  });

  await test.step("profile: the display name in its field", async () => {
    await page.goto(PROFILE_PATH);
    await expect(page.getByLabel("Display name")).toHaveValue(PLANTED.displayName);
    await watch.expectInert(page, "profile");
  });

  await test.step("site admin pages link to the site with the payload event name in the sidebar", async () => {
    await page.goto(siteAdminPath(SLUG));
    await expect(page.locator("aside")).toContainText(PLANTED.eventName);
    await page.goto(inboxPath(SLUG));
    await watch.expectInert(page, "inbox again");
  });
});

test("the event site renders planted payloads as text: no script runs, no hostile link", async ({ page, context }) => {
  test.setTimeout(240_000);
  const watch = await XssWatch.attach(context);
  const site = new SitePage(page, SLUG);

  await test.step("sign-in page with hostile ?next= and ?error=", async () => {
    await page.goto(`${siteSignInPath(SLUG)}?next=${encodeURIComponent("javascript:__xss(70)//")}&error=${encodeURIComponent(payload.img(71))}`, { timeout: 60_000 });
    await expect(page.getByRole("banner")).toContainText(PLANTED.eventName);
    await watch.expectInert(page, "site sign-in");
    await site.signInWithCode(PARTICIPANT.email);
    await site.expectSignedIn();
    await page.waitForURL((url) => url.pathname === sitePath(SLUG) || url.pathname.startsWith(siteMessagesPath(SLUG)), { timeout: 30_000 });
  });

  await test.step("home and header: event name, menu labels, signed in as, welcome", async () => {
    await site.goto();
    const header = page.getByRole("banner");
    await expect(header).toContainText(PLANTED.eventName);
    await expect(page.getByTestId("site-signed-in-as")).toContainText(PLANTED.signedInAs.replace("{{name}}", fullName));
    // A long name is cut short rather than squeezing the event name out of the header.
    const eventLink = header.getByRole("link", { name: "XSS Lab", exact: false });
    expect((await eventLink.boundingBox())?.width ?? 0, "width of the event name in the header").toBeGreaterThan(150);
    await expect(site.menu).toContainText(PLANTED.menuLabels[0]);
    await expect(site.menu).toContainText(PLANTED.menuLabels[2]);
    // The stored javascript: and data: items are not rendered at all; a text that breaks its placeholders falls back.
    await expect(site.menu).not.toContainText(PLANTED.menuLabels[1]);
    await expect(site.menu).not.toContainText("JS link");
    await expect(site.menu).not.toContainText("Data link");
    await expect(site.menu.getByRole("link", { name: "Home", exact: true })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(PLANTED.welcome.replace("{{eventName}}", isolated(PLANTED.eventName)));
    await watch.expectInert(page, "site home");
    await shot(page, "site-home");
  });

  const conversationName = PLANTED.conversationName.replace("{{eventName}}", isolated(PLANTED.eventName));
  await test.step("messages list: conversation name, last message", async () => {
    await site.goto("/messages");
    await expect(page.getByRole("main")).toContainText(conversationName);
    await expect(page.getByRole("main")).toContainText(PLANTED.messagesTitle);
    await watch.expectInert(page, "site messages list");
    await shot(page, "site-messages");
  });

  await test.step("conversation: organizer name, bodies both ways, broadcast; a payload written through the composer", async () => {
    await site.goto(`/messages/${world.threadId}`);
    await expect(site.messages.first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("main")).toContainText(conversationName);
    // The event name in the conversation name ends with a right-to-left override: what follows it keeps its order.
    const title = page.getByRole("main").getByRole("heading").filter({ hasText: "__xss(21)" });
    expect(await displayedInOrder(title, "__xss(21", "</script>"), "the conversation name after the event name reads left to right").toBe(true);
    await expect(site.message(payload.img(100))).toContainText(PLANTED.displayName);
    await expect(site.message(payload.img(100))).toContainText(payload.template(105));
    await expect(site.message(payload.img(200))).toContainText(payload.bidi(206));
    await expect(site.message(PLANTED.broadcast)).toBeVisible();
    const written = `Composer ${payload.iframe(80)} ${payload.template(81)}`;
    await site.write(written);
    await expect(site.message(written)).toBeVisible();
    await watch.expectInert(page, "site conversation");
    await shot(page, "site-conversation");
    await page.reload();
    await expect(site.message(written)).toBeVisible();
    await watch.expectInert(page, "site conversation after reload");
  });

  await test.step("contact page", async () => {
    await site.goto("/messages/contact");
    await expect(page.getByRole("banner")).toContainText(PLANTED.eventName);
    await watch.expectInert(page, "site contact");
  });

  await test.step("the other participant's hostile email and names are never shown to this participant", async () => {
    await expect(page.locator("body")).not.toContainText(PLANTED.otherEmail);
  });
});
