import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ShellPage } from "./pages/shell.page";
import { DEMO_EVENT, DEMO_EVENT_FR, DEMO_ORGANIZER, DEMO_TRANSLATOR } from "../scripts/demo.ts";

test.describe.configure({ timeout: 120_000 });

const shoot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

test.describe("back-office shell", () => {
  test("an organizer reaches an event from the list, navigates it and switches event", async ({ page, browserErrors }) => {
    // Until the grid lands beside this shell, its page (linked and prefetched here) answers 404.
    browserErrors.allow(/Failed to load resource: the server responded with a status of 404/);
    const shell = await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
    // The event list links each event to its participants.
    await expect(page.getByRole("link", { name: new RegExp(DEMO_EVENT.name) })).toHaveAttribute(
      "href",
      `/admin/events/${DEMO_EVENT.slug}/participants`,
    );
    await shoot(page, "shell-admin-home");

    await page.goto(`/admin/events/${DEMO_EVENT.slug}/translations`, { timeout: 60_000 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Translations");
    await expect(shell.currentEvent).toHaveText(DEMO_EVENT.name);
    await expect(shell.navLink("Participants")).toHaveAttribute("href", `/admin/events/${DEMO_EVENT.slug}/participants`);
    await expect(shell.navLink("Participants messages")).toHaveAttribute("href", `/admin/events/${DEMO_EVENT.slug}/messages`);
    await expect(shell.nav.getByText("Interactivity", { exact: true })).toBeVisible();
    await expect(shell.navLink("Translations")).toHaveAttribute("aria-current", "page");
    await expect(shell.navLink("Participants")).not.toHaveAttribute("aria-current", "page");
    await expect(shell.profileLink).toContainText(DEMO_ORGANIZER.displayName);
    await shoot(page, "shell-translations-wide");

    // The event switcher lists both events with the role, and opens the other one.
    await shell.eventSwitcher.click();
    const items = page.getByRole("menuitem");
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: DEMO_EVENT_FR.name })).toContainText("Organizer");
    await shoot(page, "shell-event-switcher");
    await page.keyboard.press("Escape");

    // Narrow screens: the navigation is one row under the top bar.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(shell.navLink("Participants messages")).toBeVisible();
    await shoot(page, "shell-translations-narrow");
    await page.setViewportSize({ width: 1280, height: 720 });

    await shell.switchTo(DEMO_EVENT_FR.name);
    await expect(page).toHaveURL(new RegExp(`/admin/events/${DEMO_EVENT_FR.slug}/participants$`));
  });

  test("the event's address opens its first page", async ({ page }) => {
    await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
    const response = await page.request.get(`/admin/events/${DEMO_EVENT.slug}`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toBe(`/admin/events/${DEMO_EVENT.slug}/participants`);
  });

  test("a translator only sees the translations", async ({ page, browserErrors }) => {
    browserErrors.allow(/Failed to load resource: the server responded with a status of 404/);
    const shell = await ShellPage.signIn(page, DEMO_TRANSLATOR.email, DEMO_TRANSLATOR.password);
    await expect(page.getByRole("link", { name: new RegExp(DEMO_EVENT.name) })).toHaveAttribute(
      "href",
      `/admin/events/${DEMO_EVENT.slug}/translations`,
    );
    await page.getByRole("link", { name: new RegExp(DEMO_EVENT.name) }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/events/${DEMO_EVENT.slug}/translations$`), { timeout: 60_000 });
    await expect(page.getByRole("searchbox", { name: "Search keys and texts" })).toBeVisible();
    await expect(shell.nav.getByRole("link")).toHaveCount(1);
    await expect(shell.navLink("Translations")).toBeVisible();
    await expect(page.getByRole("link", { name: "Participants", exact: true })).toHaveCount(0);
    await shoot(page, "shell-translator");

    const redirect = await page.request.get(`/admin/events/${DEMO_EVENT.slug}`, { maxRedirects: 0 });
    expect(redirect.headers().location).toBe(`/admin/events/${DEMO_EVENT.slug}/translations`);
    for (const path of ["participants", "messages"]) {
      const response = await page.goto(`/admin/events/${DEMO_EVENT.slug}/${path}`);
      expect(response?.status()).toBe(404);
    }
  });

  test("an event outside the user's team is not found", async ({ page, browserErrors }) => {
    browserErrors.allow(/Failed to load resource: the server responded with a status of 404/);
    await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
    const response = await page.goto("/admin/events/no-such-event/translations");
    expect(response?.status()).toBe(404);
  });
});

// Browsers ask for /favicon.ico when a page has not declared its icon yet; a 404 there is a console error on the page.
test("/favicon.ico answers the app's icon", async ({ request }) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("image/svg+xml");
});
