import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { SignInPage } from "../../e2e/pages/sign-in.page";
import { SitePage } from "../../e2e/pages/site.page";
import { DEMO_EVENT, DEMO_ORGANIZER } from "../../e2e/support/accounts";
import { DEMO_PARTICIPANT } from "../../scripts/demo.ts";
import { participantsPath, siteMessagesPath } from "../../lib/routes.ts";
import { record } from "../results.ts";

// First-load JavaScript (run by `npm run bench -- first-load`): each page is visited once in a fresh browser context
// (empty HTTP cache) that only carries the session cookies, on the production build (`next start`, compressed). Sums
// the script responses until the network is idle: bytes transferred (the compressed body) and decoded, and their
// number. The event site's messaging pages are compared with the back-office participants grid.

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function signedInState(browser: Browser, signIn: (context: BrowserContext) => Promise<void>): Promise<StorageState> {
  const context = await browser.newContext();
  await signIn(context);
  const state = await context.storageState();
  await context.close();
  return state;
}

interface ScriptTotals {
  scripts: number;
  transferred: number;
  decoded: number;
}

async function firstLoad(browser: Browser, state: StorageState, path: string, ready: (page: Page) => Locator): Promise<ScriptTotals> {
  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  const pending: Promise<{ transferred: number; decoded: number }>[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "script") return;
    pending.push(
      (async () => {
        const response = await request.response();
        const [sizes, body] = await Promise.all([request.sizes(), response ? response.body() : Promise.resolve(Buffer.alloc(0))]);
        return { transferred: sizes.responseBodySize, decoded: body.length };
      })(),
    );
  });
  const response = await page.goto(path, { waitUntil: "networkidle", timeout: 60_000 });
  expect(response?.status(), path).toBe(200);
  expect(new URL(page.url()).pathname, "not redirected").toBe(path);
  await expect(ready(page)).toBeVisible();
  const sizes = await Promise.all(pending);
  await context.close();
  return {
    scripts: sizes.length,
    transferred: sizes.reduce((sum, size) => sum + size.transferred, 0),
    decoded: sizes.reduce((sum, size) => sum + size.decoded, 0),
  };
}

const SITE_GOAL_KB = 170;

const kB = (bytes: number) => `${(bytes / 1024).toLocaleString("en", { maximumFractionDigits: 1 })} kB`;

test("first-load JS of the event site's messaging pages and of the back-office grid", async ({ browser }) => {
  const participant = await signedInState(browser, async (context) => {
    const site = new SitePage(await context.newPage(), DEMO_EVENT.slug);
    await site.goto("/sign-in");
    await site.signInWithCode(DEMO_PARTICIPANT.email);
    await site.expectSignedIn();
  });
  const organizer = await signedInState(browser, async (context) => {
    const page = await context.newPage();
    const signIn = new SignInPage(page);
    await signIn.goto(participantsPath(DEMO_EVENT.slug));
    await signIn.signInWithPassword(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
    await page.waitForURL((url) => url.pathname === participantsPath(DEMO_EVENT.slug), { timeout: 60_000 });
  });

  // One of the demo participant's conversations (the seed gives them some).
  const context = await browser.newContext({ storageState: participant });
  const page = await context.newPage();
  await page.goto(siteMessagesPath(DEMO_EVENT.slug));
  const link = page.locator(`a[href^="${siteMessagesPath(DEMO_EVENT.slug)}/"]:not([href$="/contact"])`).first();
  const conversationPath = (await link.getAttribute("href")) ?? "";
  expect(conversationPath).toMatch(/\/messages\/\d+$/);
  await context.close();

  const pages: [string, string, StorageState, string, (page: Page) => Locator][] = [
    ["backoffice-grid", `back-office participants grid (${participantsPath(DEMO_EVENT.slug)})`, organizer, participantsPath(DEMO_EVENT.slug), (p) => p.getByTestId("participants-table")],
    ["site-messages", `event site, the participant's messages list (${siteMessagesPath(DEMO_EVENT.slug)})`, participant, siteMessagesPath(DEMO_EVENT.slug), (p) => p.locator(`a[href="${conversationPath}"]`)],
    ["site-conversation", "event site, one conversation (…/messages/<thread>)", participant, conversationPath, (p) => p.getByLabel("Your message")],
  ];
  const results: Record<string, ScriptTotals> = {};
  for (const [id, label, state, path, ready] of pages) {
    const totals = await firstLoad(browser, state, path, ready);
    results[id] = totals;
    const ratio = id === "backoffice-grid" ? "" : ` (${Math.round((100 * totals.transferred) / (results["backoffice-grid"]?.transferred ?? NaN))}% of the grid's)`;
    console.log(`${label}: ${totals.scripts} scripts, ${kB(totals.transferred)} transferred, ${kB(totals.decoded)} decoded`);
    // The goal for a participant's phone at the venue: the event site's pages (the back-office has none).
    const site = id !== "backoffice-grid";
    record({
      id: `first-load.${id}`,
      measure: `first-load JS: ${label}`,
      result: `${kB(totals.transferred)} transferred, ${kB(totals.decoded)} decoded, ${totals.scripts} scripts${ratio.includes("NaN") ? "" : ratio}`,
      ...(site ? { goal: `< ${SITE_GOAL_KB} kB transferred`, met: totals.transferred < SITE_GOAL_KB * 1024 } : {}),
      method: "Chromium, fresh context (empty cache) with the session cookie, production build; script responses until network idle",
    });
  }
});
