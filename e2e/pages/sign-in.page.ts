import type { Locator, Page } from "@playwright/test";

/** The back-office sign-in page (English labels: the browser locale is en-US unless a test sets the locale cookie). */
export class SignInPage {
  readonly errorAlert: Locator;
  readonly linkSentStatus: Locator;
  readonly heading: Locator;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    // Inside <main>: Next's route announcer is also a role="alert" element.
    this.errorAlert = page.getByRole("main").getByRole("alert");
    this.linkSentStatus = page.getByRole("main").getByRole("status");
    this.heading = page.getByRole("heading", { level: 1 });
  }

  async goto(next?: string) {
    await this.page.goto(next ? `/admin/sign-in?next=${encodeURIComponent(next)}` : "/admin/sign-in");
  }

  async signInWithPassword(email: string, password: string) {
    await this.page.getByRole("button", { name: "Password", exact: true }).click();
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password", { exact: true }).fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  async requestSignInLink(email: string) {
    await this.page.getByRole("button", { name: "Email link", exact: true }).click();
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByRole("button", { name: "Email me a sign-in link" }).click();
  }
}
