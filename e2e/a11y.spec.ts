// Accessibility: axe (WCAG 2.2 AA and best practices) on every page of both sites — each route of app/ (the list
// e2e/security-access.spec.ts checks access with, so a new page cannot be forgotten) — signed out, as organizer, as
// translator and as participant, in English and in French, including the states a user works in: the three-dots menu
// and its submenu open, the message pop-in, the participant window on each tab, a conversation open, empty states,
// a translation being edited. Any violation fails with the rule, the screen and the elements.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_ORGANIZER, DEMO_PARTICIPANT, DEMO_TRANSLATOR } from "../scripts/demo.ts";
import { SIGN_IN_PATH } from "../lib/routes";
import { expect, test } from "./fixtures";
import { ParticipantsPage } from "./pages/participants.page";
import { SignInPage } from "./pages/sign-in.page";
import { SitePage } from "./pages/site.page";
import { DEMO_EVENT } from "./support/accounts";
import { e2eAdmin, ensureAccount } from "./support/admin";
import { appRoutes, ROUTES } from "./support/routes";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** Rules turned off, each with the reason. Empty: every rule of the tags above runs. */
const DISABLED_RULES: Record<string, string> = {};

type Actor = "anon" | "organizer" | "translator" | "participant" | "newParticipant";
type Language = "en" | "fr";

/** A participant of the demo event with an account and no conversation yet (empty states on both sites). */
const NEW_PARTICIPANT = { email: "nina.newcomer@example.com", password: "new-participant-pw", firstName: "Nina", lastName: "Newcomer" };

interface World {
  emmaId: string;
  emmaThread: number;
  ninaId: string;
}

/** One screen to scan: a URL (of a route pattern of app/) and, optionally, what the user does there first. */
interface Screen {
  name: string;
  route: string;
  url: string;
  /** Where the page must be once loaded (redirects included). */
  lands?: RegExp;
  prepare?(page: Page, language: Language): Promise<void>;
  /** Further states reached from the prepared one, each scanned in turn. */
  more?: Array<(page: Page, language: Language) => Promise<void>>;
}

const slug = DEMO_EVENT.slug;
const admin = `/admin/events/${slug}`;
const site = `/e/${slug}`;
const label = (language: Language, en: string, fr: string) => (language === "en" ? en : fr);

async function openActionsMenu(page: Page, language: Language, group: "selection" | "view") {
  await page.getByRole("button", { name: label(language, "Actions", "Actions") }).click();
  const groupName = group === "selection" ? label(language, "Selection", "Sélection") : label(language, "Current view", "Vue actuelle");
  await page.getByRole("menuitem", { name: groupName }).hover();
  await expect(page.getByRole("menu")).toHaveCount(2);
}

async function selectFirstRows(page: Page, count: number) {
  const grid = new ParticipantsPage(page);
  for (let index = 0; index < count; index++) await grid.rows.nth(index).getByRole("checkbox").check();
}

function screensOf(actor: Actor, world: World): Screen[] {
  switch (actor) {
    case "anon":
      return [
        { name: "home", route: "/", url: "/" },
        { name: "back-office sign-in (password)", route: "/admin/sign-in", url: SIGN_IN_PATH },
        {
          name: "back-office sign-in (email link)",
          route: "/admin/sign-in",
          url: SIGN_IN_PATH,
          prepare: async (page, language) => page.getByRole("button", { name: label(language, "Email link", "Lien par e-mail"), exact: true }).click(),
        },
        { name: "back-office: a page, signed out", route: "/admin", url: "/admin/profile", lands: /\/admin\/sign-in\?next=/ },
        { name: "back-office link landing without a token", route: "/auth/confirm", url: "/auth/confirm", lands: /error=link/ },
        { name: "event site", route: "/e/[eventSlug]", url: site },
        { name: "event site sign-in", route: "/e/[eventSlug]/sign-in", url: `${site}/sign-in` },
        { name: "event site messages, signed out", route: "/e/[eventSlug]/messages", url: `${site}/messages`, lands: /\/sign-in\?next=/ },
        { name: "event site link landing without a token", route: "/e/[eventSlug]/auth/confirm", url: `${site}/auth/confirm`, lands: /error=link/ },
        { name: "not found", route: "/", url: "/no-such-page" },
      ];
    case "organizer":
      return [
        { name: "events", route: "/admin", url: "/admin" },
        { name: "profile", route: "/admin/profile", url: "/admin/profile" },
        { name: "event home", route: "/admin/events/[eventSlug]", url: admin, lands: /\/participants$/ },
        { name: "participants", route: "/admin/events/[eventSlug]/participants", url: `${admin}/participants` },
        {
          name: "participants, three-dots menu open",
          route: "/admin/events/[eventSlug]/participants",
          url: `${admin}/participants`,
          prepare: async (page, language) => {
            await selectFirstRows(page, 3);
            await openActionsMenu(page, language, "selection");
          },
        },
        {
          name: "participants, message pop-in open",
          route: "/admin/events/[eventSlug]/participants",
          url: `${admin}/participants`,
          prepare: async (page, language) => {
            await selectFirstRows(page, 3);
            await openActionsMenu(page, language, "selection");
            await page.getByRole("menuitem", { name: label(language, "Message selection", "Envoyer un message à la sélection") }).click();
            await expect(page.getByRole("dialog")).toBeVisible();
            await expect(page.getByTestId("recipient-count")).toContainText("3");
          },
        },
        {
          name: "participants, each of the other menus open",
          route: "/admin/events/[eventSlug]/participants",
          url: `${admin}/participants`,
          prepare: async (page, language) => {
            // One scan per menu would cost a page load each: open them one after the other, scanning each.
            await page.getByRole("button", { name: label(language, "Columns", "Colonnes") }).click();
            await expect(page.getByRole("menu")).toBeVisible();
          },
          more: [
            async (page, language) => {
              await page.keyboard.press("Escape");
              await page.getByRole("button", { name: new RegExp(`^${label(language, "View", "Vue")}:`) }).click();
              await expect(page.getByRole("menu")).toBeVisible();
            },
            async (page, language) => {
              await page.keyboard.press("Escape");
              await page.getByRole("button", { name: label(language, "+ Add filter", "+ Ajouter un filtre") }).click();
              await expect(page.getByRole("dialog")).toBeVisible();
            },
            async (page) => {
              await page.keyboard.press("Escape");
              await page.getByRole("banner").getByRole("button", { name: DEMO_EVENT.name }).click();
              await expect(page.getByRole("menu")).toBeVisible();
            },
          ],
        },
        { name: "participants, nothing found", route: "/admin/events/[eventSlug]/participants", url: `${admin}/participants?q=zzzz-nobody` },
        {
          name: "participant window, details",
          route: "/admin/events/[eventSlug]/participants",
          url: `${admin}/participants?participant=${world.emmaId}&tab=details`,
        },
        {
          name: "participant window, editing the details",
          route: "/admin/events/[eventSlug]/participants",
          url: `${admin}/participants?participant=${world.emmaId}&tab=details`,
          prepare: async (page, language) => {
            await page.getByRole("dialog").getByRole("button", { name: label(language, "Edit details", "Modifier") }).click();
            await expect(page.getByRole("dialog").getByRole("textbox").first()).toBeVisible();
          },
        },
        {
          name: "participant window, Messages tab",
          route: "/admin/events/[eventSlug]/participants",
          url: `${admin}/participants?participant=${world.emmaId}&tab=messages`,
          prepare: async (page) => expect(page.getByTestId("conversation-message").first()).toBeVisible(),
        },
        {
          name: "participant window, Messages tab, no conversation yet",
          route: "/admin/events/[eventSlug]/participants",
          url: `${admin}/participants?participant=${world.ninaId}&tab=messages`,
          prepare: async (page) => expect(page.getByTestId("organizer-conversation").getByRole("textbox")).toBeVisible(),
        },
        { name: "inbox", route: "/admin/events/[eventSlug]/messages", url: `${admin}/messages` },
        {
          name: "inbox, a conversation open",
          route: "/admin/events/[eventSlug]/messages",
          url: `${admin}/messages?thread=${world.emmaThread}`,
          prepare: async (page) => expect(page.getByTestId("conversation-message").first()).toBeVisible(),
        },
        { name: "inbox, nothing found", route: "/admin/events/[eventSlug]/messages", url: `${admin}/messages?q=zzzz-nobody` },
        { name: "site editor", route: "/admin/events/[eventSlug]/site", url: `${admin}/site` },
        { name: "translation tool", route: "/admin/events/[eventSlug]/translations", url: `${admin}/translations` },
        {
          name: "translation tool, a text being edited",
          route: "/admin/events/[eventSlug]/translations",
          url: `${admin}/translations`,
          prepare: async (page) => {
            await page.getByRole("main").locator("tbody tr").first().getByRole("button").first().click();
            await expect(page.getByRole("main").getByRole("textbox").first()).toBeFocused();
          },
        },
      ];
    case "translator":
      return [
        { name: "events", route: "/admin", url: "/admin" },
        { name: "profile", route: "/admin/profile", url: "/admin/profile" },
        { name: "event home", route: "/admin/events/[eventSlug]", url: admin, lands: /\/translations$/ },
        { name: "translation tool", route: "/admin/events/[eventSlug]/translations", url: `${admin}/translations` },
      ];
    case "participant":
      return [
        { name: "event site", route: "/e/[eventSlug]", url: site },
        { name: "messages", route: "/e/[eventSlug]/messages", url: `${site}/messages` },
        {
          name: "the conversation",
          route: "/e/[eventSlug]/messages/[threadId]",
          url: `${site}/messages/${world.emmaThread}`,
          prepare: async (page) => expect(page.getByTestId("site-message").first()).toBeVisible(),
        },
        { name: "contact the organizer", route: "/e/[eventSlug]/messages/contact", url: `${site}/messages/contact`, lands: /\/messages\/\d+$/ },
        { name: "a conversation that is not hers", route: "/e/[eventSlug]/messages/[threadId]", url: `${site}/messages/999999999` },
      ];
    case "newParticipant":
      return [
        { name: "messages, none yet", route: "/e/[eventSlug]/messages", url: `${site}/messages` },
        { name: "contact the organizer, new conversation", route: "/e/[eventSlug]/messages/contact", url: `${site}/messages/contact` },
      ];
  }
}

async function plant(): Promise<World> {
  const client = e2eAdmin();
  const event = await client.from("events").select("id").eq("slug", slug).single();
  if (event.error) throw event.error;
  const emma = await client.from("participants").select("id").eq("event_id", event.data.id).eq("email", DEMO_PARTICIPANT.email).single();
  if (emma.error) throw emma.error;
  const thread = await client.from("threads").select("id").eq("participant_id", emma.data.id).single();
  if (thread.error) throw thread.error;
  const userId = await ensureAccount(client, NEW_PARTICIPANT.email, NEW_PARTICIPANT.password);
  const nina = await client
    .from("participants")
    .upsert(
      { event_id: event.data.id, user_id: userId, email: NEW_PARTICIPANT.email, first_name: NEW_PARTICIPANT.firstName, last_name: NEW_PARTICIPANT.lastName },
      { onConflict: "event_id,email" },
    )
    .select("id")
    .single();
  if (nina.error) throw nina.error;
  return { emmaId: emma.data.id, emmaThread: thread.data.id, ninaId: nina.data.id };
}

/** A browser context signed in as the actor, through the same pages a user signs in with. */
async function signIn(browser: Browser, actor: Actor): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (actor === "organizer" || actor === "translator") {
    const account = actor === "organizer" ? DEMO_ORGANIZER : DEMO_TRANSLATOR;
    await page.goto(SIGN_IN_PATH, { timeout: 60_000 });
    await new SignInPage(page).signInWithPassword(account.email, account.password);
    await page.waitForURL((url) => url.pathname !== SIGN_IN_PATH, { timeout: 60_000 });
  } else if (actor === "participant" || actor === "newParticipant") {
    const sitePage = new SitePage(page, slug);
    await sitePage.goto("/sign-in");
    await sitePage.signInWithCode(actor === "participant" ? DEMO_PARTICIPANT.email : NEW_PARTICIPANT.email);
    await sitePage.expectSignedIn();
  }
  await page.close();
  return context;
}

interface Finding {
  rule: string;
  impact: string;
  screen: string;
  targets: string[];
}

const describe = (finding: Finding) =>
  `${finding.rule} (${finding.impact}) on "${finding.screen}": ${finding.targets.slice(0, 5).join(" | ")}${finding.targets.length > 5 ? ` … ${finding.targets.length} elements` : ""}`;

/** Scans the page as it is; a violation fails the test (softly: the other screens are still scanned and reported). */
async function scan(page: Page, screen: string): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).disableRules(Object.keys(DISABLED_RULES)).analyze();
  const findings = results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? "",
    screen,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
  expect.soft(findings.map(describe), `axe violations on "${screen}"`).toEqual([]);
  return findings;
}

let world: World;
const contexts = new Map<Actor, BrowserContext>();
const ACTORS: Actor[] = ["anon", "organizer", "translator", "participant", "newParticipant"];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  world = await plant();
  for (const actor of ACTORS) contexts.set(actor, await signIn(browser, actor));
});

test.afterAll(async () => {
  await Promise.all([...contexts.values()].map((context) => context.close()));
});

test("every route of app/ has an accessibility scan", () => {
  const patterns = new Set(ACTORS.flatMap((actor) => screensOf(actor, { emmaId: "", emmaThread: 0, ninaId: "" }).map((screen) => screen.route)));
  expect(appRoutes().filter((route) => !patterns.has(route))).toEqual([]);
  expect([...patterns].filter((route) => !(route in ROUTES))).toEqual([]);
});

for (const actor of ACTORS) {
  for (const language of ["en", "fr"] as const) {
    test(`axe finds nothing as ${actor}, in ${language === "en" ? "English" : "French"}`, async ({ baseURL, browserErrors }) => {
      test.setTimeout(600_000);
      // The 404 screen's document answers 404: the browser logs it.
      browserErrors.allow(/the server responded with a status of 404/);
      const context = contexts.get(actor) as BrowserContext;
      await context.addCookies([{ name: "locale", value: language, url: baseURL ?? "" }]);
      const page = await context.newPage();
      const findings: Finding[] = [];
      for (const screen of screensOf(actor, world)) {
        await test.step(screen.name, async () => {
          await page.goto(screen.url, { timeout: 60_000, waitUntil: "networkidle" });
          if (screen.lands) await expect(page).toHaveURL(screen.lands);
          // The page shows the language asked for (the event site marks its own part with lang).
          expect(await page.evaluate(() => document.querySelector("main")?.closest("[lang]")?.getAttribute("lang"))).toBe(language);
          await screen.prepare?.(page, language);
          findings.push(...(await scan(page, screen.name)));
          for (const [index, step] of (screen.more ?? []).entries()) {
            await step(page, language);
            findings.push(...(await scan(page, `${screen.name} (${index + 2})`)));
          }
        });
      }
      await page.close();
      const rules = [...new Set(findings.map((finding) => finding.rule))];
      const elements = new Set(findings.flatMap((finding) => finding.targets.map((target) => `${finding.rule} ${target}`))).size;
      console.log(`AXE ${actor} ${language}: ${rules.length} failing rules over ${elements} elements${rules.length ? ` (${rules.join(", ")})` : ""}`);
    });
  }
}
