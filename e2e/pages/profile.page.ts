import type { Locator, Page } from "@playwright/test";

/** The back-office profile: display name shown to participants, back-office language. */
export class ProfilePage {
  readonly page: Page;
  readonly displayName: Locator;
  readonly language: Locator;
  readonly saved: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.page = page;
    this.displayName = page.getByLabel("Display name");
    this.language = page.getByLabel("Back-office language");
    this.saved = page.getByRole("main").getByRole("status");
    this.error = page.getByRole("main").locator("#display-name-error");
  }

  async goto() {
    await this.page.goto("/admin/profile");
  }

  async rename(name: string) {
    await this.displayName.fill(name);
    await this.page.getByRole("button", { name: "Save changes" }).click();
  }
}
