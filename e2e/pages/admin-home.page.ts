import type { Locator, Page } from "@playwright/test";

/** The signed-in back-office landing page. */
export class AdminHomePage {
  readonly emptyEvents: Locator;

  readonly events: Locator;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.emptyEvents = page.getByText("No events yet");
    this.events = page.getByRole("list", { name: "Your events" }).getByRole("listitem");
  }

  signedInAs(email: string): Locator {
    return this.page.getByText(`Signed in as ${email}`).filter({ visible: true }).first();
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
  }
}
