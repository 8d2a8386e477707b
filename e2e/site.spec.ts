import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_EVENT, DEMO_ORGANIZER, DEMO_PARTICIPANT } from "../scripts/demo.ts";
import { expect as baseExpect, test } from "./fixtures";
import { OrganizerApi } from "./pages/site-organizer.page";
import { SitePage, waitForSignInMail } from "./pages/site.page";
import { e2eAdmin, emailProvenClient, ensureAccount } from "./support/admin";

test.describe.configure({ timeout: 150_000 });
// In dev mode a page's first visit compiles it: navigations may take a while.
const expect = baseExpect.configure({ timeout: 30_000 });

const shoot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

let organizer: OrganizerApi;
test.beforeAll(async () => {
  organizer = await OrganizerApi.signIn(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password, DEMO_EVENT.slug);
});
test.afterAll(async () => {
  await organizer?.setAllowContact(true);
  await organizer?.stop();
});

/** Signs the demo participant in through the messages page (which sends to sign-in, then back). */
async function signInParticipant(page: Page): Promise<SitePage> {
  const site = new SitePage(page, DEMO_EVENT.slug);
  await site.goto("/messages");
  await expect(page).toHaveURL(/\/e\/demo\/sign-in\?next=%2Fe%2Fdemo%2Fmessages$/);
  await site.signInWithCode(DEMO_PARTICIPANT.email);
  await expect(page).toHaveURL(/\/e\/demo\/messages$/, { timeout: 30_000 });
  await site.expectSignedIn();
  return site;
}

test("the public home shows the event and its header menu; an unknown event is not found", async ({ page, browserErrors }) => {
  browserErrors.allow(/Failed to load resource: the server responded with a status of 404/);
  const site = new SitePage(page, DEMO_EVENT.slug);
  await site.goto();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome to ${DEMO_EVENT.name}`);
  await expect(site.contactOrganizer).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await shoot(page, "site-home-anonymous");
  const response = await page.goto("/e/no-such-event");
  expect(response?.status()).toBe(404);
});

test("the site speaks the event's language, the visitor's choice wins, and the event's overrides apply", async ({ page, context, baseURL }) => {
  await page.goto("/e/sommet-numerique", { timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bienvenue à Sommet du Numérique 2026");
  await expect(page.getByRole("navigation", { name: "Menu du site" }).getByRole("link", { name: "Contacter l’organisateur" })).toBeVisible();
  await context.addCookies([{ name: "locale", value: "en", url: baseURL ?? "" }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to Sommet du Numérique 2026");
  await context.clearCookies({ name: "locale" });

  const key = "companion.trad.discussionthreads.participant.organizer";
  await organizer.setOverride("en", key, "Team {{eventName}}");
  try {
    await signInParticipant(page);
    await expect(page.getByRole("link", { name: /Team Tech Summit 2026/ })).toBeVisible();
  } finally {
    await organizer.setOverride("en", key, null);
  }
  await page.reload();
  await expect(page.getByRole("link", { name: /Organizer - Tech Summit 2026/ })).toBeVisible();
});

test("an email not registered for the event gets a clear message, and no mail", async ({ page }) => {
  const site = new SitePage(page, DEMO_EVENT.slug);
  await site.goto("/sign-in");
  const since = new Date(Date.now() - 1000);
  await site.requestCode("nobody@example.com");
  await expect(site.alert).toHaveText(/This email address is not registered for Tech Summit 2026/);
  await expect(waitForSignInMail("nobody@example.com", since, 500)).rejects.toThrow(/no mail/);
  await shoot(page, "site-sign-in-not-registered");
});

test("a participant signs in with the emailed code, receives a broadcast live, answers it", async ({ page }) => {
  const site = await signInParticipant(page);
  const participantId = await organizer.participantId(DEMO_PARTICIPANT.email);

  // The unread badge counts a new broadcast live on any page (here the home page).
  await site.goto();
  const before = Number((await site.unreadBadge.count()) ? await site.unreadBadge.innerText() : "0");
  const badgeMessage = `Doors open at 9:00 (badge ${Date.now()})`;
  await organizer.broadcast(badgeMessage, [participantId]);
  await expect(site.unreadBadge).toHaveText(String(before + 1));

  // The conversation: title from the translation key, organizer name on their messages, opening marks it read.
  await site.messagesLink.click();
  await page.getByRole("link", { name: /Organizer - Tech Summit 2026/ }).click();
  await expect(page.getByRole("heading", { name: "Organizer - Tech Summit 2026" })).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await expect(site.unreadBadge).toHaveCount(0);
  await expect(site.message(badgeMessage).getByTestId("message-author")).toHaveText(DEMO_ORGANIZER.displayName);

  // Live delivery, measured from the RPC's return to the message on screen.
  const body = `Agenda update ${Date.now()}\nDetails: https://example.com/agenda`;
  const sent = await organizer.broadcast(body, [participantId]);
  const returnedAt = Date.now();
  expect(sent).toMatchObject({ recipient_count: 1 });
  await expect(site.message("Agenda update")).toHaveCount(1, { timeout: 5_000 });
  const deliveryMs = Date.now() - returnedAt;
  console.log(`[site] broadcast delivery: ${deliveryMs} ms from send_broadcast's return to the message visible`);
  expect(deliveryMs).toBeLessThan(1_000);
  const link = site.message("Agenda update").getByRole("link", { name: "https://example.com/agenda" });
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(site.message("Agenda update").locator("p.whitespace-pre-wrap")).toContainText("\nDetails:");

  // The reply box: counter, Shift+Enter for a new line, Enter sends; the organizer side has it once.
  const reply = `Thanks! See you there ${Date.now()}`;
  await site.composer.fill("Line one");
  await site.composer.press("Shift+Enter");
  await expect(site.composer).toHaveValue("Line one\n");
  await expect(site.counter).toHaveText("9 / 4,000");
  await site.write(reply);
  await expect(site.message(reply)).toHaveCount(1);
  await expect(site.composer).toHaveValue("");
  await expect.poll(async () => (await organizer.messagesWithBody(reply)).map((m) => m.author_side)).toEqual(["participant"]);
  await shoot(page, "site-conversation-wide");
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, "site-conversation-narrow");
});

test("presence: an open site page is connected, closing it disconnects", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const site = await signInParticipant(page);
  const participantId = await organizer.participantId(DEMO_PARTICIPANT.email);
  const presence = await organizer.watchPresence();
  try {
    await expect.poll(presence.keys, { timeout: 10_000 }).toContain(participantId);
    // A second tab is the same participant: one key.
    const second = await context.newPage();
    await new SitePage(second, DEMO_EVENT.slug).goto("/messages");
    await expect.poll(() => presence.state()[participantId]?.length ?? 0).toBe(2);
    expect(presence.keys().filter((key) => key === participantId)).toHaveLength(1);
    await second.close();
    await expect.poll(() => presence.state()[participantId]?.length ?? 0).toBe(1);
    await site.page.close();
    await expect.poll(presence.keys, { timeout: 10_000 }).not.toContain(participantId);
  } finally {
    await presence.stop();
    await context.close();
  }
});

test("offline: a message sent during a network cut appears once when back online", async ({ page, context, browserErrors }) => {
  browserErrors.allow(/net::ERR_INTERNET_DISCONNECTED/);
  const site = await signInParticipant(page);
  const participantId = await organizer.participantId(DEMO_PARTICIPANT.email);
  await page.getByRole("link", { name: /Organizer - Tech Summit 2026/ }).click();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");

  await context.setOffline(true);
  const body = `Sent while you were away ${Date.now()}`;
  await organizer.broadcast(body, [participantId]);
  await page.waitForTimeout(1_500);
  await context.setOffline(false);
  await expect(site.message(body)).toHaveCount(1);
  // Still once after a resync storm (visibility and online events).
  await page.evaluate(() => {
    window.dispatchEvent(new Event("online"));
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.waitForTimeout(500);
  await expect(site.message(body)).toHaveCount(1);

  // A reply written offline is marked, then goes once the browser is back online.
  await context.setOffline(true);
  const reply = `Written offline ${Date.now()}`;
  await site.write(reply);
  await expect(site.message(reply).getByRole("alert")).toContainText("Not sent.");
  await shoot(page, "site-offline-failed");
  await context.setOffline(false);
  await expect(site.message(reply).getByRole("alert")).toHaveCount(0, { timeout: 10_000 });
  await expect.poll(async () => (await organizer.messagesWithBody(reply)).length).toBe(1);
});

test("contact the organizer: the first message starts the conversation; turned off, the button is gone and the server refuses", async ({ browser }) => {
  // Two registered participants without an account or a conversation yet.
  const first = await organizer.register("Contact");
  const second = await organizer.register("Refused");
  const open = async (email: string, via: "code" | "link") => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const site = new SitePage(page, DEMO_EVENT.slug);
    await site.goto("/sign-in");
    if (via === "code") await site.signInWithCode(email);
    else {
      // The emailed link: through the auth server, back to the site's confirm route, which links the account.
      const since = new Date(Date.now() - 1000);
      await site.requestCode(email);
      // The mail is in the mailbox before the action's answer (with the PKCE verifier cookie) reaches the browser:
      // wait for the code form, which shows once it has, or the link finds no verifier.
      await expect(page.getByLabel("6-digit code")).toBeVisible();
      const mail = await waitForSignInMail(email, since);
      await page.goto(mail.link ?? "", { timeout: 60_000 });
    }
    await expect(page).toHaveURL(/\/e\/demo$/, { timeout: 30_000 });
    await site.expectSignedIn();
    return { context, page, site };
  };

  const a = await open(first, "link");
  await a.site.contactOrganizer.click();
  await expect(a.page).toHaveURL(/\/e\/demo\/messages\/contact$/);
  await expect(a.page.getByText("Write your first message to the organizers below.")).toBeVisible();
  const question = `Is there a cloakroom? ${Date.now()}`;
  await a.site.write(question);
  await expect(a.page).toHaveURL(/\/e\/demo\/messages\/\d+$/);
  await expect(a.site.message(question)).toHaveCount(1);
  await expect.poll(async () => (await organizer.messagesWithBody(question)).length).toBe(1);

  // The second participant opens the contact page, then the organizer turns the option off.
  const b = await open(second, "code");
  await b.site.goto("/messages/contact");
  await organizer.setAllowContact(false);
  const draft = `Can I bring a guest? ${Date.now()}`;
  await b.site.write(draft);
  await expect(b.site.alert).toContainText("The organizers do not accept new conversations right now");
  await expect(b.site.composer).toHaveValue(draft);
  await shoot(b.page, "site-contact-refused");
  expect(await organizer.messagesWithBody(draft)).toEqual([]);

  // Off: the button is not in the HTML, the page is gone; the participant with a conversation can still answer.
  await b.site.goto();
  // (The translated label itself travels with the page's texts: look for the button's target instead.)
  expect(await b.page.content()).not.toContain(`href="/e/${DEMO_EVENT.slug}/messages/contact"`);
  await expect(b.site.contactOrganizer).toHaveCount(0);
  const response = await b.page.goto(`/e/${DEMO_EVENT.slug}/messages/contact`);
  expect(response?.status()).toBe(404);
  await a.page.reload();
  const followUp = `Thanks for the answer ${Date.now()}`;
  await a.site.write(followUp);
  await expect.poll(async () => (await organizer.messagesWithBody(followUp)).length).toBe(1);
  await expect(a.site.contactOrganizer).toHaveCount(0);

  await organizer.setAllowContact(true);
  await a.context.close();
  await b.context.close();
});

test("the event site's HTML carries the site's texts only, none of the back-office's", async ({ request }) => {
  const texts = (ns: string): string[] => {
    const leaves = (node: unknown): string[] =>
      typeof node === "string" ? [node] : node && typeof node === "object" ? Object.values(node).flatMap(leaves) : [];
    return leaves(JSON.parse(readFileSync(join(import.meta.dirname, "..", "lib", "i18n", "resources", "en", `${ns}.json`), "utf8")));
  };
  const siteTexts = [...texts("site"), ...texts("common")];
  // Plain back-office sentences that no site text contains ("Message all in view", the translation tool's errors…).
  const backOffice = ["backoffice", "shell", "participants", "messaging", "translations", "cms"]
    .flatMap(texts)
    .filter((text) => /^[A-Za-z][A-Za-z ,.]{11,}$/.test(text) && !siteTexts.some((own) => own.includes(text)));
  expect(backOffice).toContain("Message all in view");

  for (const path of [`/e/${DEMO_EVENT.slug}`, `/e/${DEMO_EVENT.slug}/sign-in`]) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const html = await response.text();
    console.log(`[site] ${path}: ${(Buffer.byteLength(html) / 1024).toFixed(1)} kB of HTML`);
    expect(html).toContain("Sign in with your registration email");
    expect(backOffice.filter((text) => html.includes(text))).toEqual([]);
  }
});

test("a participant sending faster than 20 messages a minute is told to wait, and keeps the text", async ({ page, browserErrors }) => {
  browserErrors.allow(/status of 429 \(Too Many Requests\)/);
  // A participant of their own (the demo participant's conversation stays usable for the other tests).
  const email = "flood.participant@example.com";
  const admin = e2eAdmin();
  await ensureAccount(admin, email, `unused-${Date.now()}`);
  const eventId = (await admin.from("events").select("id").eq("slug", DEMO_EVENT.slug).single()).data?.id ?? "";
  const registered = await admin
    .from("participants")
    .upsert({ event_id: eventId, email, first_name: "Flo", last_name: "Flood" }, { onConflict: "event_id,email" });
  expect(registered.error).toBeNull();
  // 20 messages in the last minute, sent from Node in an email-proven session (the cap).
  const flooder = await emailProvenClient(email);
  expect((await flooder.rpc("link_participant_account", { target_event_id: eventId })).error).toBeNull();
  for (let i = 1; i <= 20; i++) {
    const sent = await flooder.rpc("contact_organizer", { target_event_id: eventId, body: `Flood ${i} ${Date.now()}` });
    expect(sent.error).toBeNull();
  }

  const site = new SitePage(page, DEMO_EVENT.slug);
  await site.goto("/sign-in?next=%2Fe%2Fdemo%2Fmessages");
  await site.signInWithCode(email);
  await expect(page).toHaveURL(/\/e\/demo\/messages$/, { timeout: 30_000 });
  await page.getByRole("link", { name: /Organizer - Tech Summit 2026/ }).click();
  const draft = `One more ${Date.now()}`;
  await site.write(draft);
  await expect(site.alert).toHaveText("You are sending messages too fast. Wait a minute and try again.");
  await expect(site.composer).toHaveValue(draft);
  await shoot(page, "site-too-fast");
  expect(await organizer.messagesWithBody(draft)).toEqual([]);
});
