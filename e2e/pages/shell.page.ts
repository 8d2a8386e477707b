import type { Locator, Page } from "@playwright/test";
import { SignInPage } from "./sign-in.page";

/** The back-office of one event: top bar (event switcher, profile, sign-out) and the event's navigation. */
export class ShellPage {
  readonly page: Page;
  readonly nav: Locator;
  readonly eventSwitcher: Locator;
  readonly currentEvent: Locator;
  readonly profileLink: Locator;

  constructor(page: Page) {
    this.page = page;
    this.nav = page.getByRole("navigation", { name: "Event navigation" }).filter({ visible: true });
    this.eventSwitcher = page.getByRole("button", { name: "Switch event" });
    this.currentEvent = page.getByTestId("current-event");
    this.profileLink = page.getByTestId("profile-link");
  }

  static async signIn(page: Page, email: string, password: string) {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signInWithPassword(email, password);
    await page.waitForURL(/\/admin$/, { timeout: 30_000 });
    return new ShellPage(page);
  }

  /** A navigation link by its label (an unread badge may follow the label in its accessible name). */
  navLink(name: string): Locator {
    return this.nav.getByRole("link", { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s*\\d.*)?$`) });
  }

  async switchTo(eventName: string) {
    await this.eventSwitcher.click();
    await this.page.getByRole("menuitem", { name: new RegExp(eventName) }).click();
  }
}
