import { expect, test } from "./fixtures";
import { ParticipantsPage } from "./pages/participants.page";
import { OrganizerApi } from "./pages/site-organizer.page";
import { DEMO_EVENT, DEMO_ORGANIZER } from "./support/accounts";

test("the participant window edits a participant's details; a taken email is refused and the text kept", async ({ page }) => {
  const api = await OrganizerApi.signIn(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password, DEMO_EVENT.slug);
  await api.register("Editha");
  const otherEmail = await api.register("Othmar");
  const grid = new ParticipantsPage(page);
  await grid.gotoSignedIn(DEMO_EVENT.slug, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  await grid.searchFor("Editha");
  await grid.row("Editha Tester").locator("td").nth(2).click();
  const window = grid.participantWindow;
  await window.getByRole("button", { name: "Edit details" }).click();

  const form = window.getByRole("form", { name: "Edit details" });
  await form.getByLabel("Company").fill("Northwind Traders");
  await form.getByLabel("Job title").fill("Head of Events");
  const email = form.getByLabel("Email");
  const ownEmail = await email.inputValue();
  await email.fill(otherEmail);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByRole("alert")).toHaveText("Another participant of this event already uses this email address.");
  await expect(form.getByLabel("Company")).toHaveValue("Northwind Traders");
  await page.screenshot({ path: "test-results/screenshots/participants-window-edit-error.png" });

  await email.fill(ownEmail);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(window.getByRole("status")).toHaveText("Details saved.");
  await expect(window).toContainText("Northwind Traders");
  await expect(window).toContainText("Head of Events");
  await page.keyboard.press("Escape");
  // The grid shows the new details without a reload.
  await expect(grid.row("Editha Tester")).toContainText("Northwind Traders");
  await api.stop();
});
