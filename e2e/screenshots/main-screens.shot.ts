// The README's screenshots (docs/screenshots/<name>.png, 1280×800), taken from the seeded demo by `npm run screenshots`.
// Each test brings one screen into the state a reader should see (menus open, real data), then saves it.
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_EVENT, DEMO_ORGANIZER, DEMO_PARTICIPANT } from "../../scripts/demo.ts";
import { expect, test } from "../fixtures";
import { CmsPage } from "../pages/cms.page";
import { InboxPage } from "../pages/inbox.page";
import { ParticipantsPage } from "../pages/participants.page";
import { ShellPage } from "../pages/shell.page";
import { SitePage } from "../pages/site.page";
import { TranslationsPage } from "../pages/translations.page";

const OUT = join(import.meta.dirname, "..", "..", "docs", "screenshots");
const EMMA = `${DEMO_PARTICIPANT.firstName} ${DEMO_PARTICIPANT.lastName}`;

/** Saves the viewport once nothing is loading (no busy region, fonts ready), without caret or animations. */
async function save(page: Page, name: string) {
  await expect(page.locator("[aria-busy='true']")).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT, `${name}.png`), animations: "disabled", caret: "hide" });
}

async function openGrid(page: Page) {
  const grid = new ParticipantsPage(page);
  await grid.gotoSignedIn(DEMO_EVENT.slug, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  return grid;
}

test("grid with the three-dots menu open", async ({ page }) => {
  const grid = await openGrid(page);
  for (const row of [0, 1, 2]) await grid.rows.nth(row).getByRole("checkbox").check();
  await expect(grid.selectionCount).toContainText("3");
  await grid.openMenu("Selection");
  await expect(page.getByRole("menuitem", { name: "Message selection" })).toBeEnabled();
  await save(page, "grid-actions-menu");
});

test("message pop-in", async ({ page }) => {
  const grid = await openGrid(page);
  for (const row of [0, 1, 2]) await grid.rows.nth(row).getByRole("checkbox").check();
  await grid.messageSelection();
  await grid.messageDialog
    .getByRole("textbox")
    .fill("Doors open at 8:30 tomorrow: badges are at the north entrance.\nThe keynote starts at 9:15 in Hall A. See you there!");
  await expect(grid.recipientCount()).toContainText("3");
  await save(page, "message-pop-in");
});

test("participant window, Messages tab", async ({ page }) => {
  const grid = await openGrid(page);
  await grid.searchFor(DEMO_PARTICIPANT.lastName);
  await grid.row(EMMA).locator("td").nth(2).click();
  await grid.participantWindow.getByRole("tab", { name: "Messages" }).click();
  await expect(grid.participantWindow.getByTestId("conversation-message").first()).toBeVisible();
  await save(page, "participant-messages-tab");
});

test("inbox", async ({ page }) => {
  await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  const inbox = new InboxPage(page);
  await inbox.goto(DEMO_EVENT.slug);
  await expect(inbox.rows.first()).toBeVisible();
  await inbox.open(EMMA);
  await expect(inbox.conversation.messages.first()).toBeVisible();
  await save(page, "inbox");
});

test("translation tool", async ({ page }) => {
  await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  const tool = new TranslationsPage(page);
  await tool.goto(DEMO_EVENT.slug);
  // One override, to show it beside the defaults; the search keeps the organizer's texts in view.
  const key = "companion.trad.discussionthreads.participant.organizer";
  await tool.override(key, "English", "Your hosts at {{eventName}}");
  await expect(tool.status).toContainText("saved");
  await tool.search.fill("organi");
  await expect(tool.row(key)).toContainText("Your hosts at {{eventName}}");
  await save(page, "translation-tool");
  // Back to the default: the event site's screenshot shows the conversation under its usual name.
  await tool.resetButton(key, "English").click();
  await expect(tool.status).toContainText("reset to its default");
});

test("header menu editor and its OPTIONS", async ({ page }) => {
  await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  const cms = new CmsPage(page);
  await cms.goto(DEMO_EVENT.slug);
  await expect(cms.allowContact).toBeChecked();
  // Two links, saved (this stack is thrown away after the run); the event site's screenshot shows them too.
  await cms.add({ en: "Agenda", fr: "Programme" }, "https://example.com/tech-summit-2026/agenda");
  await cms.add({ en: "Venue", fr: "Lieu" }, "https://example.com/tech-summit-2026/venue");
  await cms.save.click();
  await expect(cms.status).toHaveText("Event site saved.");
  await cms.save.scrollIntoViewIfNeeded();
  await save(page, "header-menu-options");
});

test("participant messaging module on the event site", async ({ page }) => {
  const site = new SitePage(page, DEMO_EVENT.slug);
  await site.goto("/sign-in");
  await site.signInWithCode(DEMO_PARTICIPANT.email);
  await site.expectSignedIn();
  await site.messagesLink.click();
  await page.getByRole("main").getByRole("link", { name: /Organizer - Tech Summit 2026/ }).click();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await expect(site.messages.first()).toBeVisible();
  await save(page, "participant-conversation");
});
