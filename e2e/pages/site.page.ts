import { expect, type Locator, type Page } from "@playwright/test";
import { e2eStack } from "../support/stack";

interface LocalMail {
  to: string;
  otp?: string;
  link?: string;
  sentAt: string;
}

/** The newest mail to `email` sent after `since`, with its code and link (the local mailbox serves tests). */
export async function waitForSignInMail(email: string, since: Date, timeoutMs = 10_000): Promise<LocalMail> {
  const { supabaseUrl } = e2eStack();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${supabaseUrl}/__local/mailbox?email=${encodeURIComponent(email)}`);
    const mails = (await response.json()) as LocalMail[];
    const fresh = mails.find((mail) => new Date(mail.sentAt) >= since);
    if (fresh) return fresh;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${email} within ${timeoutMs} ms`);
}

/** The event site, as a participant sees it: header menu, sign-in, messaging module. */
export class SitePage {
  readonly page: Page;
  readonly slug: string;
  readonly menu: Locator;
  readonly contactOrganizer: Locator;
  readonly messagesLink: Locator;
  readonly unreadBadge: Locator;
  readonly messages: Locator;
  readonly composer: Locator;
  readonly counter: Locator;
  readonly alert: Locator;

  constructor(page: Page, slug: string) {
    this.page = page;
    this.slug = slug;
    this.menu = page.getByRole("navigation", { name: "Site menu" });
    this.contactOrganizer = this.menu.getByRole("link", { name: "Contact the organizer" });
    this.messagesLink = page.getByTestId("site-messages-link");
    this.unreadBadge = page.getByTestId("unread-badge");
    this.messages = page.getByTestId("site-message");
    this.composer = page.getByLabel("Your message");
    this.counter = page.getByTestId("composer-counter");
    this.alert = page.getByRole("main").getByRole("alert");
  }

  async goto(path = "") {
    await this.page.goto(`/e/${this.slug}${path}`, { timeout: 60_000 });
  }

  async requestCode(email: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByRole("button", { name: "Email me a code" }).click();
  }

  /** Signs in with the emailed 6-digit code, from the page the test is on (a sign-in page). */
  async signInWithCode(email: string) {
    const since = new Date(Date.now() - 1000);
    await this.requestCode(email);
    const mail = await waitForSignInMail(email, since);
    if (!mail.otp) throw new Error("the sign-in mail has no code");
    await this.page.getByLabel("6-digit code").fill(mail.otp);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  message(text: string): Locator {
    return this.messages.filter({ hasText: text });
  }

  async write(text: string) {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** The header's language choice (buttons labelled by the language code); the page re-renders in that language. */
  async switchLanguage(locale: "en" | "fr") {
    const button = this.page.getByRole("banner").getByRole("button", { name: locale, exact: true });
    await button.click();
    await expect(button).toHaveAttribute("aria-pressed", "true");
  }

  async expectSignedIn() {
    await expect(this.page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
}
