import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { ConversationPage } from "./pages/conversation.page";
import { ParticipantsPage } from "./pages/participants.page";
import { ProfilePage } from "./pages/profile.page";
import { OrganizerApi } from "./pages/site-organizer.page";
import { SitePage } from "./pages/site.page";
import { participantsPath } from "../lib/routes.ts";
import { DEMO_EVENT, DEMO_ORGANIZER } from "./support/accounts";

// The whole loop in two browsers, organizer and participant, through the real screens on both sides: presence flips
// the grid, "Message all in view" on the Active filter reaches the connected participant live, the participant
// answers, the organizer replies from the participant window's Messages tab, and a profile rename shows on the site.

const shoot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

async function participantBrowser(browser: Browser, email: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  const site = new SitePage(page, DEMO_EVENT.slug);
  await site.goto("/sign-in");
  await site.signInWithCode(email);
  await site.expectSignedIn();
  return { context, page, site };
}

test.describe.configure({ timeout: 180_000 });

test("organizer and participant, live both ways through the back-office and the event site", async ({ page, browser }) => {
  const api = await OrganizerApi.signIn(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password, DEMO_EVENT.slug);
  const email = await api.register("Livia");
  const name = "Livia Tester";

  // The organizer watches the grid with the "Is currently connected" column.
  const grid = new ParticipantsPage(page);
  await grid.gotoSignedIn(DEMO_EVENT.slug, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  await grid.showColumn("Is currently connected");
  await grid.searchFor("Livia");
  await expect(grid.connectedCell(name)).toHaveText("Inactive");

  // The participant signs in on the event site: the grid flips to Active without a reload.
  const participant = await participantBrowser(browser, email);
  await participant.site.goto("/messages");
  await expect(grid.connectedCell(name)).toHaveText("Active", { timeout: 5_000 });

  // Active filter, then "Message all in view": exactly the connected participants, the new one among them.
  await grid.searchFor("");
  await grid.addFilter("Is currently connected", null, "Active");
  await expect(grid.row(name)).toHaveCount(1);
  const connected = await grid.total();
  await grid.messageAllInView();
  await expect(grid.recipientCount()).toHaveText(
    connected === 1 ? "1 participant will receive this message" : `${connected} participants will receive this message`,
  );
  const broadcast = `The keynote starts in 5 minutes ${Date.now()}`;
  await grid.messageDialog.getByLabel("Message").fill(broadcast);
  await shoot(page, "loop-message-all-connected");
  const sentAt = Date.now();
  await grid.sendNow().click();
  await expect(participant.site.unreadBadge).toHaveText("1", { timeout: 5_000 });
  console.log(`SEND NOW click → unread badge on the participant's open page: ${Date.now() - sentAt} ms`);
  await expect(grid.messageDialog).toContainText(connected === 1 ? "Message sent to 1 participant." : `Message sent to ${connected} participants.`);
  await page.keyboard.press("Escape");

  // The participant sees it (the unread badge, then the conversation) and answers.
  await participant.page.getByRole("link", { name: /Organizer - Tech Summit 2026/ }).click();
  await expect(participant.site.message(broadcast)).toBeVisible();
  await expect(participant.site.message(broadcast).getByTestId("message-author")).toHaveText(DEMO_ORGANIZER.displayName);
  const answer = `Thanks, on my way ${Date.now()}`;
  await participant.site.write(answer);
  await expect(participant.site.message(answer)).toBeVisible();

  // The organizer opens the participant window from the grid: the Messages tab shows the answer; the reply goes live
  // to the participant's open conversation.
  await page.getByRole("button", { name: /Remove filter: Is currently connected is Active/ }).click();
  await grid.searchFor("Livia");
  await grid.row(name).locator("td").nth(2).click();
  await grid.participantWindow.getByRole("tab", { name: "Messages" }).click();
  const conversation = new ConversationPage(page, grid.participantWindow);
  await expect(conversation.message(answer)).toBeVisible();
  const reply = `See you in Hall A ${Date.now()}`;
  const repliedAt = Date.now();
  await conversation.reply(reply);
  await expect(conversation.message(reply)).toHaveCount(1);
  await expect(participant.site.message(reply)).toBeVisible({ timeout: 5_000 });
  console.log(`reply from the Messages tab → participant's open conversation: ${Date.now() - repliedAt} ms`);
  await shoot(page, "loop-participant-window-messages");
  await shoot(participant.page, "loop-participant-conversation-mobile");

  // A profile rename shows on the participant's existing messages.
  const profile = new ProfilePage(page);
  await profile.goto();
  const renamed = `Alice from the team ${Date.now() % 1000}`;
  try {
    await profile.rename(renamed);
    await expect(profile.saved).toBeVisible();
    await participant.page.reload();
    await expect(participant.site.message(reply).getByTestId("message-author")).toHaveText(renamed);
  } finally {
    await profile.rename(DEMO_ORGANIZER.displayName);
    await expect(profile.saved).toBeVisible();
  }

  // The participant closes the site: the grid flips back to Inactive.
  await participant.context.close();
  await page.goto(`${participantsPath(DEMO_EVENT.slug)}?q=Livia&cols=first_name,last_name,email,connected`);
  await expect(grid.connectedCell(name)).toHaveText("Inactive", { timeout: 40_000 });
  await api.stop();
});
