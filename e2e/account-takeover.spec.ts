// The outside probe's account-takeover routes (issue 16, finding 1), tried again through the raw API with the
// publishable key, as an attacker would, and through the UI. Each must leave the victim's conversation unreadable.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Page } from "@playwright/test";
import type { Database } from "../lib/database.types";
import { DEMO_EVENT, DEMO_ORGANIZER } from "../scripts/demo.ts";
import { expect as baseExpect, test } from "./fixtures";
import { SignInPage } from "./pages/sign-in.page";
import { OrganizerApi } from "./pages/site-organizer.page";
import { SitePage, waitForSignInMail } from "./pages/site.page";
import { e2eStack } from "./support/stack";

test.describe.configure({ timeout: 150_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const ATTACKER_PASSWORD = "attacker-chosen-password-1";

function publicClient(): SupabaseClient<Database> {
  const { supabaseUrl, publishableKey } = e2eStack();
  return createClient<Database>(supabaseUrl, publishableKey, { auth: { persistSession: false, autoRefreshToken: false } });
}

/** What a session can read of the victim: their participant row, threads and messages. */
async function victimRowsSeenBy(client: SupabaseClient<Database>, eventId: string, victimEmail: string, secret: string) {
  const participants = await client.from("participants").select("id").eq("event_id", eventId).eq("email", victimEmail);
  const messages = await client.from("conversation_messages").select("id").eq("event_id", eventId).eq("body", secret);
  return { participants: participants.data ?? [], messages: messages.data ?? [] };
}

let organizer: OrganizerApi;
test.beforeAll(async () => {
  organizer = await OrganizerApi.signIn(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password, DEMO_EVENT.slug);
});
test.afterAll(async () => {
  await organizer.stop();
});

/** A registered participant who never signed in, with an organizer message waiting for them. */
async function registeredVictim(firstName: string): Promise<{ email: string; secret: string }> {
  const email = await organizer.register(firstName);
  const secret = `For ${firstName} only ${Date.now()}`;
  await organizer.broadcast(secret, [await organizer.participantId(email)]);
  return { email, secret };
}

/** Signs in on the event site with the code of the first mail to `email` after `after` (not an earlier mail's code). */
async function signInOnSite(page: Page, email: string, after: Date) {
  const site = new SitePage(page, DEMO_EVENT.slug);
  await site.goto("/sign-in?next=%2Fe%2Fdemo%2Fmessages");
  await site.requestCode(email);
  const mail = await waitForSignInMail(email, after);
  await page.getByLabel("6-digit code").fill(mail.otp ?? "");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/e\/demo\/messages$/);
}

test("sign-up with a registered participant's address gives no session, no link and no message, even after the owner signs in", async ({ page, browser }) => {
  const victim = await registeredVictim("Vera");
  const attacker = publicClient();

  // Route 1 of the probe: POST /auth/v1/signup with the victim's address and any password.
  const beforeSignUp = new Date(Date.now() - 1000);
  const signUp = await attacker.auth.signUp({ email: victim.email, password: ATTACKER_PASSWORD });
  expect(signUp.error).toBeNull();
  expect(signUp.data.session).toBeNull();
  const early = await attacker.auth.signInWithPassword({ email: victim.email, password: ATTACKER_PASSWORD });
  expect(early.error?.code).toBe("email_not_confirmed");
  expect((await attacker.rpc("link_participant_account", { target_event_id: organizer.eventId })).error).not.toBeNull();

  // The owner signs in on the event site with the code mailed to them, and reads their message. (The sign-up mailed
  // them a confirmation too: their code is in the mail after that one.)
  const signUpMail = await waitForSignInMail(victim.email, beforeSignUp);
  await signInOnSite(page, victim.email, new Date(Date.parse(signUpMail.sentAt) + 1));
  await page.getByRole("link", { name: /Organizer - Tech Summit 2026/ }).click();
  await expect(page.getByTestId("site-message").filter({ hasText: victim.secret })).toBeVisible();

  // Their code confirmed the address, so the attacker's password now opens the account: a password session still gets
  // nothing of the participant (participant rights need a session opened by a code or link sent to the address).
  const late = await attacker.auth.signInWithPassword({ email: victim.email, password: ATTACKER_PASSWORD });
  expect(late.error).toBeNull();
  const link = await attacker.rpc("link_participant_account", { target_event_id: organizer.eventId });
  expect(link.error?.message).toBe("email_not_proven");
  expect(await victimRowsSeenBy(attacker, organizer.eventId, victim.email, victim.secret)).toEqual({ participants: [], messages: [] });

  // The same through the UI: the back-office password form, then the event site's messages.
  const context = await browser.newContext();
  const attackerPage = await context.newPage();
  const signIn = new SignInPage(attackerPage);
  await signIn.goto();
  await signIn.signInWithPassword(victim.email, ATTACKER_PASSWORD);
  await attackerPage.waitForURL((url) => !url.pathname.startsWith("/admin/sign-in"));
  await attackerPage.goto(`/e/${DEMO_EVENT.slug}/messages`);
  await expect(attackerPage).toHaveURL(/\/e\/demo\/sign-in/);
  await expect(attackerPage.getByText(victim.secret)).toHaveCount(0);
  await context.close();
});

test("an email change to a participant's address is not applied until both addresses confirm it, and links nothing", async () => {
  const victim = await registeredVictim("Wanda");
  const attacker = publicClient();
  const ownEmail = `mallory-${Date.now()}@example.com`;

  // Route 2 of the probe: sign up as yourself (confirming your own address), then PUT /auth/v1/user with the victim's.
  const since = new Date(Date.now() - 1000);
  expect((await attacker.auth.signUp({ email: ownEmail, password: ATTACKER_PASSWORD })).error).toBeNull();
  const confirmation = await waitForSignInMail(ownEmail, since);
  expect((await attacker.auth.verifyOtp({ email: ownEmail, token: confirmation.otp ?? "", type: "email" })).error).toBeNull();

  const change = await attacker.auth.updateUser({ email: victim.email });
  expect(change.error).toBeNull();
  expect(change.data.user?.email).toBe(ownEmail);
  expect(change.data.user?.new_email).toBe(victim.email);

  const refreshed = await attacker.auth.refreshSession();
  expect(refreshed.error).toBeNull();
  expect(refreshed.data.user?.email).toBe(ownEmail);
  const link = await attacker.rpc("link_participant_account", { target_event_id: organizer.eventId });
  expect(link.error?.message).toBe("not_registered");
  expect(await victimRowsSeenBy(attacker, organizer.eventId, victim.email, victim.secret)).toEqual({ participants: [], messages: [] });
});

test("on the event site, the victim's address without the mailed code opens nothing", async ({ page }) => {
  const victim = await registeredVictim("Xena");
  const site = new SitePage(page, DEMO_EVENT.slug);
  await site.goto("/sign-in?next=%2Fe%2Fdemo%2Fmessages");
  const since = new Date(Date.now() - 1000);
  await site.requestCode(victim.email);
  const mail = await waitForSignInMail(victim.email, since);
  const wrong = mail.otp === "000000" ? "111111" : "000000";
  await page.getByLabel("6-digit code").fill(wrong);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(site.alert).toBeVisible();
  await page.goto(`/e/${DEMO_EVENT.slug}/messages`);
  await expect(page).toHaveURL(/\/e\/demo\/sign-in/);
  await expect(page.getByText(victim.secret)).toHaveCount(0);
});
