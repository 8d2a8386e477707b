import type { Page } from "@playwright/test";
import { participantsPath } from "../lib/routes.ts";
import { DEMO_PARTICIPANT } from "../scripts/demo.ts";
import { expect, test } from "./fixtures";
import { ParticipantsPage } from "./pages/participants.page";
import { DEMO_EVENT, DEMO_ORGANIZER } from "./support/accounts";
import { receivedCount, signInDemoParticipant, trackPresence, type ParticipantSession } from "./support/presence";

const SCREENSHOTS = "test-results/screenshots";
const shoot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
const EMMA = `${DEMO_PARTICIPANT.firstName} ${DEMO_PARTICIPANT.lastName}`;

async function openGrid(page: Page, query = "") {
  const grid = new ParticipantsPage(page);
  await grid.gotoSignedIn(DEMO_EVENT.slug, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password, query);
  return grid;
}

test.describe("participants grid", () => {
  test.describe.configure({ timeout: 180_000 });

  test("pages, sorts, searches and filters on the server, with the state in the URL", async ({ page }) => {
    const grid = await openGrid(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Participants");
    await expect(grid.rows).toHaveCount(50);
    const total = await grid.total();
    expect(total).toBeGreaterThan(250);
    await expect(grid.range).toHaveText(`1–50 of ${total.toLocaleString("en")}`);
    await expect(grid.header("Last name")).toHaveAttribute("aria-sort", "ascending");
    await shoot(page, "participants-grid");

    // Paging without a reload: a marker on window survives.
    await page.evaluate(() => Object.assign(window, { noReload: true }));
    await page.getByRole("button", { name: "Next page" }).click();
    await expect(grid.range).toHaveText(`51–100 of ${total.toLocaleString("en")}`);
    await expect(page).toHaveURL(/[?&]page=2/);
    await page.getByLabel("Rows per page").selectOption("25");
    await expect(grid.rows).toHaveCount(25);
    await expect(page).toHaveURL(/size=25/);
    await expect(page).not.toHaveURL(/page=2/);

    // Sorting by clicking a header.
    await grid.sortBy("Last name");
    await expect(grid.header("Last name")).toHaveAttribute("aria-sort", "descending");
    await expect(page).toHaveURL(/sort=last_name\.desc/);
    await grid.sortBy("Email");
    await expect(page).toHaveURL(/sort=email\.asc/);
    const emails = await grid.rows.locator("td:nth-child(4)").allTextContents();
    expect(emails.length).toBe(25);

    // Search (debounced) and a column filter.
    await grid.searchFor("Wilson");
    await expect(grid.row(EMMA)).toHaveCount(1);
    await grid.addFilter("Company", "contains", "Northwind");
    await expect(grid.row(EMMA)).toHaveCount(1);
    await expect(page).toHaveURL(/f=company\.contains\.Northwind/);
    const filteredTotal = await grid.total();
    expect(await page.evaluate(() => "noReload" in window)).toBe(true);

    // A reload (or a shared URL) shows the same grid.
    await page.reload();
    await grid.waitForIdle();
    await expect(grid.search).toHaveValue("Wilson");
    await expect(page.getByRole("button", { name: /Remove filter: Company contains “Northwind”/ })).toBeVisible();
    await expect(grid.header("Email")).toHaveAttribute("aria-sort", "ascending");
    expect(await grid.total()).toBe(filteredTotal);
    await expect(grid.row(EMMA)).toHaveCount(1);

    // Nothing matches: an empty state with a way out.
    await grid.searchFor("zzzzqqqxx");
    await expect(grid.empty).toContainText("No participants match");
    await shoot(page, "participants-grid-empty");
    await grid.empty.getByRole("button", { name: "Clear search and filters" }).click();
    await grid.waitForIdle();
    await expect(grid.rows).toHaveCount(25);

    // Back goes to the previous grid state.
    await page.goBack();
    await grid.waitForIdle();
    await expect(grid.empty).toBeVisible();
  });

  test("an invalid URL shows the default grid, never an error page", async ({ page }) => {
    const grid = await openGrid(page, "?page=abc&size=7&sort=password.asc&f=nope&f=registered_at.before.2026-02-31&view=x&cols=,");
    await expect(grid.rows).toHaveCount(50);
    await expect(grid.header("Last name")).toHaveAttribute("aria-sort", "ascending");
    // A page past the end: no rows, the pager still works.
    await page.goto(`${participantsPath(DEMO_EVENT.slug)}?page=9999`);
    await grid.waitForIdle();
    await expect(grid.rows).toHaveCount(0);
    await page.getByRole("button", { name: "First page" }).click();
    await expect(grid.rows).toHaveCount(50);
  });

  test("the column chooser shows and hides columns, and selection survives paging", async ({ page }) => {
    const grid = await openGrid(page);
    await grid.showColumn("Job title");
    await expect(grid.header("Job title")).toHaveCount(0);
    await expect(page).toHaveURL(/cols=/);
    await grid.showColumn("Is currently connected");
    await expect(grid.header("Is currently connected")).toBeVisible();

    await expect(grid.selectionCount).toHaveText("No participant selected");
    await grid.rows.nth(0).getByRole("checkbox").check();
    await grid.rows.nth(1).getByRole("checkbox").check();
    await expect(grid.selectionCount).toHaveText("2 selected");
    await page.getByRole("button", { name: "Next page" }).click();
    await grid.waitForIdle();
    await page.getByRole("checkbox", { name: "Select all participants on this page" }).check();
    await expect(grid.selectionCount).toHaveText("52 selected");
    const total = await grid.total();
    await page.getByRole("button", { name: `Select all ${total} matching participants` }).click();
    await expect(grid.selectionCount).toHaveText(`${total} selected`);
    await grid.messageSelection();
    await expect(grid.recipientCount()).toHaveText(`${total} participants will receive this message`);
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Clear selection" }).click();
    await expect(grid.selectionCount).toHaveText("No participant selected");
    // With no selection, "Message selection" is disabled.
    await grid.openMenu("Selection");
    await expect(page.getByRole("menuitem", { name: "Message selection" })).toHaveAttribute("data-disabled", "");
    await shoot(page, "participants-menu");
    await page.keyboard.press("Escape");
  });

  test("saves, switches, renames and deletes a view", async ({ page }) => {
    const grid = await openGrid(page);
    await expect(grid.currentViewName).toHaveText("All participants");
    await grid.addFilter("Company", "contains", "Northwind");
    await grid.sortBy("Registration date");
    await expect(page.getByTestId("view-state")).toHaveText("Unsaved view");
    const filteredTotal = await grid.total();

    await page.getByRole("button", { name: "Save view…" }).click();
    await page.getByLabel("View name").fill("Northwind people");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(grid.currentViewName).toHaveText("Northwind people");
    await expect(page).toHaveURL(/view=/);
    await expect(page.getByTestId("view-state")).toHaveCount(0);

    // A second view, then a duplicate name is refused clearly.
    await grid.chooseView("All participants");
    expect(await grid.total()).toBeGreaterThan(filteredTotal);
    await grid.searchFor("a");
    await page.getByRole("button", { name: "Save view…" }).click();
    await page.getByLabel("View name").fill("Northwind people");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("dialog").getByRole("alert")).toHaveText("A view with this name already exists. Choose another name.");
    await page.getByLabel("View name").fill("Names with an A");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(grid.currentViewName).toHaveText("Names with an A");

    // Switching views restores their state.
    await grid.chooseView("Northwind people");
    expect(await grid.total()).toBe(filteredTotal);
    await expect(grid.header("Registration date")).toHaveAttribute("aria-sort", "ascending");
    await expect(grid.search).toHaveValue("");

    // Modified, then saved changes; reload keeps it.
    await grid.sortBy("Registration date");
    await expect(page.getByTestId("view-state")).toHaveText("Modified");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("view-state")).toHaveCount(0);
    await page.reload();
    await grid.waitForIdle();
    await expect(grid.currentViewName).toHaveText("Northwind people");
    await expect(grid.header("Registration date")).toHaveAttribute("aria-sort", "descending");

    await page.getByRole("button", { name: "Rename…" }).click();
    await page.getByLabel("View name").fill("Northwind team");
    await page.getByRole("button", { name: "Rename", exact: true }).click();
    await expect(grid.currentViewName).toHaveText("Northwind team");

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete view" }).click();
    await expect(grid.currentViewName).toHaveText("All participants");
    await grid.viewPicker.click();
    await expect(page.getByRole("menuitemradio", { name: "Northwind team" })).toHaveCount(0);
    await expect(page.getByRole("menuitemradio", { name: "Names with an A" })).toBeVisible();
    await page.keyboard.press("Escape");
  });

  test.describe("messaging", () => {
    let participant: ParticipantSession;
    test.beforeEach(async () => {
      participant = await signInDemoParticipant();
    });
    test.afterEach(async () => {
      await participant.close();
    });

    test("message a selection of two: the count, SEND NOW, the confirmation, the messages", async ({ page }) => {
      const grid = await openGrid(page);
      await grid.searchFor("Wilson");
      await grid.row(EMMA).getByRole("checkbox").check();
      // The selection keeps its ids when the search changes.
      await grid.searchFor("");
      await grid.rows.filter({ hasNot: page.getByRole("checkbox", { name: `Select ${EMMA}` }) }).first().getByRole("checkbox").check();
      await expect(grid.selectionCount).toHaveText("2 selected");

      await grid.messageSelection();
      await expect(grid.recipientCount()).toHaveText("2 participants will receive this message");
      await expect(grid.sendNow()).toBeDisabled();
      const body = `Welcome to the summit! ${Date.now()}\nDoors open at 9:00.`;
      await grid.messageDialog.getByLabel("Message").fill(body);
      await expect(grid.messageDialog.getByText(`${[...body].length} / 4,000`)).toBeVisible();
      await expect(grid.sendNow()).toBeEnabled();
      await shoot(page, "participants-message-dialog");
      await grid.sendNow().click();
      await expect(grid.messageDialog.getByRole("status").first()).toContainText("Message sent to 2 participants.");
      await shoot(page, "participants-message-sent");
      expect(await receivedCount(participant, body)).toBe(1);
    });

    test("a message over 4,000 characters cannot be sent; a double click on SEND NOW sends once", async ({ page }) => {
      const grid = await openGrid(page);
      await grid.searchFor("Wilson");
      await grid.row(EMMA).getByRole("checkbox").check();
      await grid.messageSelection();
      await expect(grid.recipientCount()).toHaveText("1 participant will receive this message");
      const field = grid.messageDialog.getByLabel("Message");
      await field.fill("😀".repeat(4001));
      await expect(grid.messageDialog.getByText("4,001 / 4,000")).toBeVisible();
      await expect(grid.sendNow()).toBeDisabled();
      await field.fill("😀".repeat(4000));
      await expect(grid.sendNow()).toBeEnabled();
      const body = `Only once, please ${Date.now()}`;
      await field.fill(body);
      await grid.sendNow().dblclick();
      await expect(grid.messageDialog).toContainText("Message sent to 1 participant.");
      expect(await receivedCount(participant, body)).toBe(1);
    });

    test("message all in view with a filter: the count is the grid's total", async ({ page }) => {
      const grid = await openGrid(page);
      await grid.addFilter("Company", "contains", "Northwind");
      const total = await grid.total();
      expect(total).toBeGreaterThan(0);
      await grid.messageAllInView();
      await expect(grid.recipientCount()).toHaveText(total === 1 ? "1 participant will receive this message" : `${total} participants will receive this message`);
      const body = `To Northwind ${Date.now()}`;
      await grid.messageDialog.getByLabel("Message").fill(body);
      await grid.sendNow().click();
      await expect(grid.messageDialog).toContainText(total === 1 ? "Message sent to 1 participant." : `Message sent to ${total} participants.`);
      expect(await receivedCount(participant, body)).toBe(1);
    });

    test("Is currently connected: live presence, the Active filter, and Message all in view reaches exactly them", async ({ page }) => {
      const grid = await openGrid(page);
      await grid.showColumn("Is currently connected");
      await grid.searchFor("Wilson");
      await expect(grid.connectedCell(EMMA)).toHaveText("Inactive");

      const presence = await trackPresence(participant);
      await expect(grid.connectedCell(EMMA)).toHaveText("Active", { timeout: 1_000 });
      await grid.searchFor("");
      await grid.addFilter("Is currently connected", null, "Active");
      await expect(page).toHaveURL(/connected=active/);
      await expect(grid.rows).toHaveCount(1);
      await expect(grid.row(EMMA)).toHaveCount(1);
      await expect(grid.range).toHaveText("1–1 of 1");
      await shoot(page, "participants-connected-filter");

      await grid.messageAllInView();
      await expect(grid.recipientCount()).toHaveText("1 participant will receive this message");
      const body = `You are here right now ${Date.now()}`;
      await grid.messageDialog.getByLabel("Message").fill(body);
      await grid.sendNow().click();
      await expect(grid.messageDialog).toContainText("Message sent to 1 participant.");
      await page.keyboard.press("Escape");
      expect(await receivedCount(participant, body)).toBe(1);

      // The participant leaves: the filtered grid empties, and the row flips back without a reload.
      await presence.untrack();
      await expect(grid.empty).toContainText("No participants match");
      await page.getByRole("button", { name: /Remove filter: Is currently connected is Active/ }).click();
      await grid.searchFor("Wilson");
      await expect(grid.connectedCell(EMMA)).toHaveText("Inactive");
    });
  });

  test("the participant window opens from a row, by URL, and with the keyboard", async ({ page }) => {
    const grid = await openGrid(page);
    await grid.searchFor("Wilson");
    await grid.row(EMMA).locator("td").nth(2).click();
    await expect(grid.participantWindow).toBeVisible();
    await expect(grid.participantWindow.getByRole("heading", { name: EMMA })).toBeVisible();
    await expect(grid.participantWindow).toContainText(DEMO_PARTICIPANT.company);
    await expect(page).toHaveURL(/participant=[0-9a-f-]{36}&tab=details/);
    await shoot(page, "participants-window");
    await grid.participantWindow.getByRole("tab", { name: "Messages" }).click();
    await expect(page).toHaveURL(/tab=messages/);
    await expect(grid.participantWindow.getByTestId("organizer-conversation")).toBeVisible();

    // The URL opens it on the same tab after a reload; Escape closes it and keeps the grid state.
    await page.reload();
    await expect(grid.participantWindow.getByRole("tab", { name: "Messages" })).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Escape");
    await expect(grid.participantWindow).toBeHidden();
    await expect(page).not.toHaveURL(/participant=/);
    await expect(grid.search).toHaveValue("Wilson");

    // Keyboard: the row's Open button.
    await grid.row(EMMA).getByRole("button", { name: `Open ${EMMA}` }).focus();
    await page.keyboard.press("Enter");
    await expect(grid.participantWindow).toBeVisible();
  });
});
