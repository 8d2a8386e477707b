// INTERACTIVITY › Participants messages: the inbox and the organizer conversation, live, against the seeded demo.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Browser, Page } from "@playwright/test";
import { DEMO_EVENT, DEMO_ORGANIZER, DEMO_ORGANIZER_2, DEMO_PARTICIPANT } from "../scripts/demo.ts";
import type { Database } from "../lib/database.types.ts";
import { expect, test } from "./fixtures";
import { InboxPage } from "./pages/inbox.page";
import { SignInPage } from "./pages/sign-in.page";
import { emailProvenClient } from "./support/admin";
import { e2eStack } from "./support/stack";

const SCREENSHOTS = "test-results/screenshots";
const shoot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
const EMMA = `${DEMO_PARTICIPANT.firstName} ${DEMO_PARTICIPANT.lastName}`;

// Dev mode compiles pages on first use.
test.setTimeout(240_000);

/** A Node supabase-js client signed in with a password (organizers). */
async function signedIn(email: string, password: string): Promise<SupabaseClient<Database>> {
  const { supabaseUrl, publishableKey } = e2eStack();
  const client = createClient<Database>(supabaseUrl, publishableKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw new Error(`could not sign in as ${email}: ${error.message}`);
  return client;
}

async function demoEventId(client: SupabaseClient<Database>): Promise<string> {
  const { data, error } = await client.from("events").select("id").eq("slug", DEMO_EVENT.slug).single();
  if (error) throw new Error(error.message);
  return data.id;
}

async function inboxRows(client: SupabaseClient<Database>, eventId: string, options: { search?: string; unread_only?: boolean } = {}) {
  const { data, error } = await client.rpc("organizer_inbox", { target_event_id: eventId, page_size: 200, ...options });
  if (error) throw new Error(error.message);
  return data.map((row) => ({ ...row, name: `${row.first_name} ${row.last_name}`.trim() }));
}

async function signInTo(page: Page, account: { email: string; password: string }, next: string) {
  const signIn = new SignInPage(page);
  await signIn.goto(next);
  await signIn.signInWithPassword(account.email, account.password);
  await page.waitForURL((url) => url.pathname === next.split("?")[0], { timeout: 60_000 });
}

async function newSignedInPage(browser: Browser, account: { email: string; password: string }, next: string) {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signInTo(page, account, next);
  return { context, page };
}

let organizer: SupabaseClient<Database>;
let eventId: string;

test.beforeAll(async () => {
  organizer = await signedIn(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  eventId = await demoEventId(organizer);
});

test("lists the conversations newest first with unread markers; search and the unread filter", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const inbox = new InboxPage(page);
  await signInTo(page, DEMO_ORGANIZER, `/admin/events/${DEMO_EVENT.slug}/messages`);
  await expect(inbox.heading).toHaveText("Participants messages");

  const expected = await inboxRows(organizer, eventId);
  expect(expected.length).toBeGreaterThan(30);
  // The first page, newest activity first, as the database orders it.
  await expect(inbox.rows).toHaveCount(30);
  expect(await inbox.names()).toEqual(expected.slice(0, 30).map((row) => row.name));
  const unread = expected.slice(0, 30).filter((row) => row.unread);
  expect(unread.length).toBeGreaterThan(0);
  await expect(inbox.rows.filter({ has: page.getByTestId("unread-marker") })).toHaveCount(unread.length);
  await expect(inbox.unreadMarker(inbox.row(unread[0].name))).toBeVisible();
  await shoot(page, "inbox-wide");

  // Load more: the next page by keyset, no duplicates.
  await inbox.loadMore.click();
  await expect(inbox.rows).toHaveCount(Math.min(60, expected.length));
  expect(await inbox.names()).toEqual(expected.slice(0, 60).map((row) => row.name));

  // Search (debounced, no reload): Emma's conversation.
  await inbox.search.fill(DEMO_PARTICIPANT.lastName);
  await expect(inbox.rows).toHaveCount((await inboxRows(organizer, eventId, { search: DEMO_PARTICIPANT.lastName })).length);
  await expect(inbox.row(EMMA)).toBeVisible();
  await expect(page).toHaveURL(/q=Wilson/);
  await inbox.search.fill("zzzz-nobody");
  await expect(inbox.empty).toContainText("No conversation matches");
  await inbox.search.fill("");
  await expect(inbox.rows).toHaveCount(30);

  // Unread only.
  await inbox.unreadOnly.check();
  const unreadAll = await inboxRows(organizer, eventId, { unread_only: true });
  await expect(inbox.rows).toHaveCount(Math.min(30, unreadAll.length));
  await expect(inbox.rows.filter({ hasNot: page.getByTestId("unread-marker") })).toHaveCount(0);
  await expect(page).toHaveURL(/unread=1/);
  await inbox.unreadOnly.uncheck();
  await expect(inbox.rows).toHaveCount(30);
});

test("opens a conversation (read), replies once, receives a participant's messages live; a second organizer sees the reply live", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const inbox = new InboxPage(page);
  await signInTo(page, DEMO_ORGANIZER, `/admin/events/${DEMO_EVENT.slug}/messages`);

  // Open an unread conversation (not Emma's): it is marked read for the team.
  const target = (await inboxRows(organizer, eventId, { unread_only: true })).find((row) => row.name !== EMMA);
  expect(target, "the demo has unread conversations").toBeDefined();
  if (!target) return;
  await inbox.open(target.name);
  await expect(page).toHaveURL(new RegExp(`thread=${target.thread_id}`));
  await expect(inbox.conversationTitle).toHaveText(target.name);
  await expect(inbox.conversation.messages.first()).toBeVisible();
  await expect(inbox.unreadMarker(inbox.row(target.name))).toHaveCount(0);
  await expect
    .poll(async () => (await inboxRows(organizer, eventId)).find((row) => row.thread_id === target.thread_id)?.unread)
    .toBe(false);
  await expect(inbox.openInGrid).toHaveAttribute("href", `/admin/events/${DEMO_EVENT.slug}/participants?participant=${target.participant_id}&tab=messages`);

  // Reply: shown at once, confirmed, once.
  const reply = `Thanks, we are on it (${Date.now()})`;
  await expect(inbox.conversation.counter).toHaveText("0 / 4,000");
  await inbox.conversation.replyField.fill(reply);
  await expect(inbox.conversation.counter).toHaveText(`${reply.length} / 4,000`);
  await inbox.conversation.replyField.press("Enter");
  await expect(inbox.conversation.replyField).toHaveValue("");
  const sent = inbox.conversation.message(reply);
  await expect(sent).toHaveCount(1);
  await expect(sent).not.toHaveAttribute("data-pending", /.+/);
  await expect(sent).toContainText(DEMO_ORGANIZER.displayName);
  await page.waitForTimeout(1000);
  await expect(sent).toHaveCount(1);
  // The conversation moved to the top of the list with the reply as preview.
  await expect(inbox.rows.first()).toContainText(reply.slice(0, 40));
  await shoot(page, "inbox-conversation-wide");

  // A participant writes meanwhile: her conversation moves to the top with an unread marker, without a reload.
  const participant = await emailProvenClient(DEMO_PARTICIPANT.email);
  const first = `Is parking available at the venue? (${Date.now()})`;
  const posted = await participant.rpc("contact_organizer", { target_event_id: eventId, body: first });
  expect(posted.error).toBeNull();
  await expect(inbox.rows.first()).toContainText(EMMA);
  await expect(inbox.rows.first()).toContainText(first.slice(0, 30));
  await expect(inbox.unreadMarker(inbox.rows.first())).toBeVisible();

  // Open it: read; a second organizer opens it too.
  await inbox.open(EMMA);
  await expect(inbox.conversation.message(first)).toHaveCount(1);
  await expect(inbox.unreadMarker(inbox.row(EMMA))).toHaveCount(0);
  const second = await newSignedInPage(browser, DEMO_ORGANIZER_2, `/admin/events/${DEMO_EVENT.slug}/messages`);
  const secondInbox = new InboxPage(second.page);
  await secondInbox.open(EMMA);
  await expect(secondInbox.conversation.message(first)).toHaveCount(1);

  // Her next message appears live in the open conversation, once, in order.
  const next = `Also, can I bring a colleague? (${Date.now()})`;
  expect((await participant.rpc("contact_organizer", { target_event_id: eventId, body: next })).error).toBeNull();
  await expect(inbox.conversation.message(next)).toHaveCount(1);
  await expect(inbox.conversation.messages.last()).toContainText(next);
  await expect(secondInbox.conversation.message(next)).toHaveCount(1);

  // The first organizer answers: the second sees it live, signed with the first one's name.
  const answer = `Yes, parking P2 is free for attendees (${Date.now()})`;
  await inbox.conversation.reply(answer);
  await expect(secondInbox.conversation.message(answer)).toHaveCount(1);
  await expect(secondInbox.conversation.message(answer)).toContainText(DEMO_ORGANIZER.displayName);
  await expect(inbox.conversation.message(answer)).toHaveCount(1);
  await shoot(second.page, "inbox-second-organizer");
  await second.context.close();

  // Narrow screens: the conversation replaces the list, with a way back.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(inbox.back).toBeVisible();
  await expect(inbox.rows.first()).toBeHidden();
  await shoot(page, "inbox-conversation-narrow");
  await inbox.back.click();
  await expect(inbox.rows.first()).toBeVisible();
  await expect(page).not.toHaveURL(/thread=/);
  await shoot(page, "inbox-narrow");
});

test("a participant without a conversation: empty state, and the first reply starts it", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // A participant of the demo event nobody has written to yet.
  const { data: threads } = await organizer.from("threads").select("participant_id").eq("event_id", eventId);
  const taken = new Set((threads ?? []).map((row) => row.participant_id));
  const { data: people } = await organizer.from("participants").select("id, first_name, last_name").eq("event_id", eventId).limit(400);
  const person = (people ?? []).find((p) => !taken.has(p.id));
  expect(person, "the demo has participants without a conversation").toBeDefined();
  if (!person) return;
  const name = `${person.first_name} ${person.last_name}`;

  const inbox = new InboxPage(page);
  await signInTo(page, DEMO_ORGANIZER, `/admin/events/${DEMO_EVENT.slug}/messages`);
  await inbox.goto(DEMO_EVENT.slug, `?participant=${person.id}`);
  await expect(inbox.conversationTitle).toHaveText(name);
  await expect(inbox.conversation.root).toContainText(`No messages with ${name} yet`);
  await shoot(page, "inbox-conversation-empty");

  // Empty and too long messages are not sent.
  await expect(inbox.conversation.sendButton).toBeDisabled();
  await inbox.conversation.replyField.fill("x".repeat(4001));
  await expect(inbox.conversation.counter).toHaveText("4,001 / 4,000");
  await expect(inbox.conversation.sendButton).toBeDisabled();
  await inbox.conversation.replyField.press("Enter");
  await expect(inbox.conversation.root.getByRole("alert")).toHaveText("The message is longer than 4,000 characters.");
  await expect(inbox.conversation.replyField).toHaveValue("x".repeat(4001));

  // Shift+Enter is a new line; Enter sends and starts the conversation, which tops the list.
  await inbox.conversation.replyField.fill(`Welcome ${person.first_name}!`);
  await inbox.conversation.replyField.press("Shift+Enter");
  await inbox.conversation.replyField.pressSequentially("Your badge is ready.");
  await inbox.conversation.replyField.press("Enter");
  const sent = inbox.conversation.message("Your badge is ready.");
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText(`Welcome ${person.first_name}!\nYour badge is ready.`);
  await expect(sent).not.toHaveAttribute("data-pending", /.+/);
  await expect(inbox.rows.first()).toContainText(name);
  const { data: started } = await organizer.from("threads").select("id, started_by").eq("participant_id", person.id).single();
  expect(started?.started_by).toBe("organizer");
  await expect(inbox.rows.first()).toHaveAttribute("data-thread-id", String(started?.id));
});
