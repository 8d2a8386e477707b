// The HTTP surface a browser relies on (issue 16, findings 2 and 3): the sign-in never redirects off the app, every
// response carries the security headers, the pages work under the Content-Security-Policy (no violation), and no
// other origin can frame the app. Against the production build (`next start`), as `npm test` runs it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page, Response } from "@playwright/test";
import { DEMO_EVENT, DEMO_ORGANIZER, DEMO_PARTICIPANT } from "../scripts/demo.ts";
import { expect, test } from "./fixtures";
import { InboxPage } from "./pages/inbox.page";
import { ParticipantsPage } from "./pages/participants.page";
import { OrganizerApi } from "./pages/site-organizer.page";
import { SignInPage } from "./pages/sign-in.page";
import { SitePage } from "./pages/site.page";
import { e2eStack } from "./support/stack";

test.describe.configure({ timeout: 120_000 });

const EVIL = "http://evil.example";
const production = process.env.E2E_NEXT_MODE !== "dev";

/** Records every CSP violation the page reports (an init script runs before the page's own and is not subject to CSP). */
async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener("securitypolicyviolation", (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return () => page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

function expectSecurityHeaders(response: Response, what: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  const { supabaseUrl } = e2eStack();
  expect(csp, what).toContain(`connect-src 'self' ${new URL(supabaseUrl).origin} ${supabaseUrl.replace(/^http/, "ws").replace(/\/+$/, "")}`);
  if (production) expect(csp, what).not.toContain("unsafe-eval");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  if (production) expect(headers["strict-transport-security"], what).toMatch(/max-age=\d{7,}/);
}

test.describe("after signing in, next never leaves the app", () => {
  for (const next of ["/.//evil.example", "/admin/../..//evil.example", "/\\evil.example", "/admin/%2e%2e/%2e%2e//evil.example", "/\t/evil.example"]) {
    test(`next=${JSON.stringify(next)} lands on the back-office home`, async ({ page, baseURL }) => {
      // Were the app to send the browser there, the test sees it instead of a DNS error.
      await page.context().route(`${EVIL}/**`, (route) => route.fulfill({ contentType: "text/html", body: "<h1>evil</h1>" }));
      const signIn = new SignInPage(page);
      await page.goto(`/admin/sign-in?next=${encodeURIComponent(next)}`);
      await signIn.signInWithPassword(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
      await page.waitForURL((url) => url.pathname === "/admin" || url.origin === EVIL);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${DEMO_ORGANIZER.displayName}`);
    });
  }
});

test("security headers on a back-office page, a site page, a server action's answer and a static file", async ({ page, request }) => {
  const signInPage = await page.goto("/admin/sign-in");
  expectSecurityHeaders(signInPage!, "back-office page");
  const site = await page.goto(`/e/${DEMO_EVENT.slug}`);
  expectSecurityHeaders(site!, "site page");

  await page.goto("/admin/sign-in");
  const actionAnswer = page.waitForResponse((response) => response.request().method() === "POST" && "next-action" in response.request().headers());
  await new SignInPage(page).signInWithPassword(DEMO_ORGANIZER.email, "not-the-password");
  expectSecurityHeaders(await actionAnswer, "server action answer");

  const script = await page.locator("script[src*='/_next/static/']").first().getAttribute("src");
  const asset = await request.get(script ?? "");
  expect(asset.ok()).toBe(true);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
  expect(asset.headers()["x-frame-options"]).toBe("DENY");
});

test("the session cookies live a week (not 400 days), SameSite=Lax", async ({ page, context }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signInWithPassword(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  await expect(page).toHaveURL(/\/admin$/);
  const session = (await context.cookies()).filter((cookie) => cookie.name.startsWith("sb-") && cookie.name.includes("auth-token"));
  expect(session.length).toBeGreaterThan(0);
  const week = 7 * 24 * 60 * 60;
  for (const cookie of session) {
    expect(cookie.expires - Date.now() / 1000, cookie.name).toBeLessThanOrEqual(week + 60);
    expect(cookie.expires - Date.now() / 1000, cookie.name).toBeGreaterThan(week - 600);
    expect(cookie.sameSite, cookie.name).toBe("Lax");
    // Readable by the browser client (Realtime authorization); the CSP keeps other scripts out.
    expect(cookie.httpOnly, cookie.name).toBe(false);
  }
});

test("each page gets its own nonce, on every script Next renders", async ({ request }) => {
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.get(`/e/${DEMO_EVENT.slug}`);
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
    expect(nonce).toBeTruthy();
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("another origin cannot frame the app", async ({ page, baseURL, browserErrors }) => {
  browserErrors.allow(/frame-ancestors|Refused to (display|frame)/);
  const target = `${baseURL}/admin/sign-in`;
  // Another origin on this machine (a real server: a page Playwright fulfils counts as public, and Chrome keeps public
  // pages from framing local addresses whatever the headers say).
  const framer = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(`<!doctype html><title>framer</title><iframe src="${target}" width="800" height="600" onload="document.body.dataset.framed = 'loaded'"></iframe>`);
  });
  await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = framer.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.locator("body")).toHaveAttribute("data-framed", "loaded");
    await expect(page.frameLocator("iframe").getByRole("heading", { name: "Sign in to the back-office" })).toHaveCount(0);
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    expect(frame?.url()).not.toBe(target);
  } finally {
    await new Promise((resolve) => framer.close(resolve));
  }
});

test("the main pages run under the CSP without a violation: grid, message pop-in, inbox, live site conversation", async ({ browser }) => {
  const organizerContext = await browser.newContext();
  const participantContext = await browser.newContext();
  const organizer = await OrganizerApi.signIn(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password, DEMO_EVENT.slug);
  try {
    const office = await organizerContext.newPage();
    const officeViolations = await watchCspViolations(office);
    const grid = new ParticipantsPage(office);
    await grid.gotoSignedIn(DEMO_EVENT.slug, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
    await grid.rows.first().getByRole("checkbox").check();
    await grid.messageSelection();
    await expect(grid.sendNow()).toBeVisible();
    await office.keyboard.press("Escape");
    const inbox = new InboxPage(office);
    await inbox.goto(DEMO_EVENT.slug);
    await inbox.rows.first().getByRole("link").click();
    await office.waitForURL(/[?&]thread=\d+/);
    await expect(inbox.conversationTitle).toBeVisible();
    expect(await officeViolations()).toEqual([]);

    const sitePage = await participantContext.newPage();
    const siteViolations = await watchCspViolations(sitePage);
    const site = new SitePage(sitePage, DEMO_EVENT.slug);
    await site.goto("/messages");
    await site.signInWithCode(DEMO_PARTICIPANT.email);
    await expect(sitePage).toHaveURL(/\/e\/demo\/messages$/, { timeout: 30_000 });
    await sitePage.getByRole("link", { name: /Organizer - / }).first().click();
    // Realtime connects to the stack over a websocket (connect-src) and delivers a broadcast live.
    await expect(sitePage.getByTestId("live-status")).toHaveAttribute("data-status", "live");
    const body = `CSP live check ${Date.now()}`;
    await organizer.broadcast(body, [await organizer.participantId(DEMO_PARTICIPANT.email)]);
    await expect(site.message(body)).toHaveCount(1);
    expect(await siteViolations()).toEqual([]);
  } finally {
    await organizer.stop();
    await organizerContext.close();
    await participantContext.close();
  }
});
