import type { Locator, Page } from "@playwright/test";

type Language = "English" | "French";

/** The back-office translation tool of one event. */
export class TranslationsPage {
  readonly page: Page;
  readonly search: Locator;
  readonly overriddenOnly: Locator;
  readonly rows: Locator;
  readonly status: Locator;

  constructor(page: Page) {
    this.page = page;
    this.search = page.getByRole("searchbox", { name: "Search keys and texts" });
    this.overriddenOnly = page.getByRole("checkbox", { name: "Overridden only" });
    this.rows = page.getByRole("main").locator("tbody tr");
    this.status = page.getByRole("main").getByRole("status");
  }

  async goto(slug: string) {
    // Hydrated before any click: an early click on a cell would do nothing.
    await this.page.goto(`/admin/events/${slug}/translations`, { timeout: 60_000, waitUntil: "networkidle" });
  }

  row(key: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("rowheader", { name: key, exact: true }) });
  }

  editButton(key: string, language: Language): Locator {
    // Named by the text it shows, then "(edit the English text of <key>)".
    return this.page.getByRole("button", { name: new RegExp(`\\(edit the ${language} text of ${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)$`) });
  }

  editor(key: string, language: Language): Locator {
    return this.page.getByRole("textbox", { name: `${language} text for ${key}`, exact: true });
  }

  resetButton(key: string, language: Language): Locator {
    return this.page.getByRole("button", { name: `Reset the ${language} text of ${key} to its default`, exact: true });
  }

  /** Opens the cell's editor, replaces the text and presses Enter. */
  async override(key: string, language: Language, text: string) {
    await this.editButton(key, language).click();
    await this.editor(key, language).fill(text);
    await this.editor(key, language).press("Enter");
  }

  /** Clicks the choice as a user does (the radio itself is visually hidden inside its label). */
  showLanguages(choice: "All" | Language) {
    return this.page.getByRole("radio", { name: choice, exact: true }).locator("xpath=..").click();
  }
}
