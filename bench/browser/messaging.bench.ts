import { expect, test, type Page } from "@playwright/test";
import { ParticipantsPage } from "../../e2e/pages/participants.page";
import { InboxPage } from "../../e2e/pages/inbox.page";
import { OrganizerApi } from "../../e2e/pages/site-organizer.page";
import { SitePage } from "../../e2e/pages/site.page";
import { DEMO_EVENT, DEMO_ORGANIZER } from "../../e2e/support/accounts";
import { inboxPath } from "../../lib/routes.ts";
import { formatMs, record } from "../results.ts";
import { percentile } from "../stats.ts";

// The messaging loop timed between two real browsers on the production build (run by `npm run bench -- e2e`): the
// organizer in the back-office (the grid, and the inbox with the conversation open), a new participant on the event
// site with their conversation open. Each repetition times, from the first input event (the click on SEND NOW, the
// Enter that sends a reply) in one page to the message's text in the DOM of the other page (a MutationObserver):
// SEND NOW → the participant's page, the participant's reply → the organizer's inbox, the organizer's reply → the
// participant's page. Both pages stamp with performance.timeOrigin + performance.now() (one clock, one machine).

const REPS = Number(process.env.BENCH_REPS ?? 20);
const METHOD = "two Chromium browsers on the production build, first input event in one page → the text in the other page's DOM";

type Stamp = { at: number };

/** Starts watching the page for the text; `seen()` waits for it and returns when it appeared (epoch ms). */
async function watchFor(page: Page, text: string) {
  await page.evaluate((wanted) => {
    const state: Stamp = { at: 0 };
    Object.assign(window, { __benchSeen: state });
    const check = () => {
      if (state.at === 0 && document.body.textContent?.includes(wanted)) {
        state.at = performance.timeOrigin + performance.now();
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    check();
  }, text);
  return {
    seen: async () => {
      await page.waitForFunction(() => ((window as { __benchSeen?: Stamp }).__benchSeen?.at ?? 0) > 0, null, { timeout: 15_000 });
      return page.evaluate(() => (window as { __benchSeen?: Stamp }).__benchSeen?.at ?? 0);
    },
  };
}

/** Stamps the page's next pointerdown or keydown (the input that sends); `at()` returns it (epoch ms). */
async function stampNextInput(page: Page) {
  await page.evaluate(() => {
    const state: Stamp = { at: 0 };
    Object.assign(window, { __benchInput: state });
    for (const type of ["pointerdown", "keydown"]) {
      document.addEventListener(type, () => (state.at ||= performance.timeOrigin + performance.now()), { capture: true, once: true });
    }
  });
  return { at: () => page.evaluate(() => (window as { __benchInput?: Stamp }).__benchInput?.at ?? 0) };
}

test("messaging loop between two browsers: SEND NOW and replies, first input → text on the other side", async ({ page, browser }) => {
  test.setTimeout(120_000 + REPS * 30_000);
  // A participant of their own, so the conversation holds only this run's messages.
  const api = await OrganizerApi.signIn(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password, DEMO_EVENT.slug);
  const email = await api.register("Benchmark");
  const name = "Benchmark Tester";
  const participantId = await api.participantId(email);
  const welcome = `Welcome to the bench ${Date.now()}`;
  await api.broadcast(welcome, [participantId]);
  const [{ thread_id: threadId }] = await api.messagesWithBody(welcome);

  // The participant: signed in on the event site, their conversation open.
  const participantContext = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const participantPage = await participantContext.newPage();
  const site = new SitePage(participantPage, DEMO_EVENT.slug);
  await site.goto("/sign-in");
  await site.signInWithCode(email);
  await site.expectSignedIn();
  await site.goto(`/messages/${threadId}`);
  await expect(site.message(welcome)).toBeVisible({ timeout: 30_000 });

  // The organizer: the grid with the participant selected, and the inbox with their conversation open.
  const grid = new ParticipantsPage(page);
  await grid.gotoSignedIn(DEMO_EVENT.slug, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  await grid.searchFor("Benchmark");
  const inboxPage = await page.context().newPage();
  const inbox = new InboxPage(inboxPage);
  await inboxPage.goto(`${inboxPath(DEMO_EVENT.slug)}?thread=${threadId}`);
  await expect(inbox.conversation.message(welcome)).toBeVisible({ timeout: 30_000 });

  const sendNow: number[] = [];
  const participantReply: number[] = [];
  const organizerReply: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    // SEND NOW from the grid's "Message selection" → the participant's open conversation.
    await grid.row(name).getByRole("checkbox").check();
    await grid.messageSelection();
    const broadcast = `Broadcast ${rep} ${Date.now()}`;
    await grid.messageDialog.getByLabel("Message").fill(broadcast);
    const arrival = await watchFor(participantPage, broadcast);
    const input = await stampNextInput(page);
    await grid.sendNow().click();
    sendNow.push((await arrival.seen()) - (await input.at()));
    await expect(grid.messageDialog).toContainText("Message sent to 1 participant.");
    await page.keyboard.press("Escape");
    await expect(grid.messageDialog).toBeHidden();

    // The participant answers → the organizer's open conversation in the inbox.
    const answer = `Answer ${rep} ${Date.now()}`;
    await site.composer.fill(answer);
    const answerArrival = await watchFor(inboxPage, answer);
    const answerInput = await stampNextInput(participantPage);
    await site.composer.press("Enter");
    participantReply.push((await answerArrival.seen()) - (await answerInput.at()));

    // The organizer replies from the inbox → the participant's open conversation.
    const reply = `Reply ${rep} ${Date.now()}`;
    await inbox.conversation.replyField.fill(reply);
    const replyArrival = await watchFor(participantPage, reply);
    const replyInput = await stampNextInput(inboxPage);
    await inbox.conversation.replyField.press("Enter");
    organizerReply.push((await replyArrival.seen()) - (await replyInput.at()));
    // Both sides settled (the sender's own copy confirmed) before the next round.
    await expect(inbox.conversation.message(reply)).toHaveCount(1);
    await expect(site.message(answer)).toHaveCount(1);
  }

  const rows: [string, string, number[]][] = [
    ["send-now", "SEND NOW click (grid, selection of 1) → message on the participant's open conversation", sendNow],
    ["participant-reply", "participant's reply (Enter) → the organizer's open conversation in the inbox", participantReply],
    ["organizer-reply", "organizer's reply from the inbox (Enter) → the participant's open conversation", organizerReply],
  ];
  for (const [id, measure, values] of rows) {
    const summary = `p50 ${formatMs(percentile(values, 50))}, p95 ${formatMs(percentile(values, 95))}, max ${formatMs(Math.max(...values))} (n=${values.length})`;
    console.log(`${measure}: ${summary}; all: ${values.map((v) => v.toFixed(0)).join(", ")} ms`);
    record({ id: `e2e.${id}`, measure, result: summary, method: METHOD });
  }
  await participantContext.close();
  await inboxPage.close();
  await api.stop();
});
