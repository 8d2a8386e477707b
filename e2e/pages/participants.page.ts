import { expect, type Locator, type Page } from "@playwright/test";
import { participantsPath } from "../../lib/routes.ts";
import { SignInPage } from "./sign-in.page";

/** The back-office participants grid of an event (English labels). */
export class ParticipantsPage {
  readonly page: Page;
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly range: Locator;
  readonly selectionCount: Locator;
  readonly empty: Locator;
  readonly actionsMenu: Locator;
  readonly viewPicker: Locator;
  readonly currentViewName: Locator;
  readonly messageDialog: Locator;
  readonly participantWindow: Locator;

  constructor(page: Page) {
    this.page = page;
    this.table = page.getByTestId("participants-table");
    this.rows = this.table.locator("tbody tr");
    this.search = page.getByLabel("Search participants");
    this.range = page.getByTestId("paging-range");
    this.selectionCount = page.getByTestId("selection-count");
    this.empty = page.getByTestId("grid-empty");
    this.actionsMenu = page.getByRole("button", { name: "Actions" });
    this.viewPicker = page.getByRole("button", { name: /^View:/ });
    this.currentViewName = page.getByTestId("current-view-name");
    this.messageDialog = page.getByRole("dialog", { name: /^Message (selection|all in view)$/ });
    this.participantWindow = page.getByRole("dialog").filter({ has: page.getByRole("tablist", { name: "Participant sections" }) });
  }

  /** Opens the grid, signing in as the given back-office user on the way (the sign-in page returns to it). */
  async gotoSignedIn(slug: string, email: string, password: string, query = "") {
    const path = `${participantsPath(slug)}${query}`;
    const signIn = new SignInPage(this.page);
    await signIn.goto(path);
    await signIn.signInWithPassword(email, password);
    await this.page.waitForURL((url) => url.pathname === participantsPath(slug), { timeout: 90_000, waitUntil: "commit" });
    await expect(this.table).toBeVisible({ timeout: 90_000 });
    await this.waitForIdle();
  }

  async waitForIdle() {
    await expect(this.table).toHaveAttribute("aria-busy", "false");
  }

  /** A participant's row, by full name (its checkbox is labelled "Select <first> <last>"). */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("checkbox", { name: `Select ${name}`, exact: true }) });
  }

  /** The total the pager shows ("1–50 of 301" → 301). */
  async total(): Promise<number> {
    const text = (await this.range.textContent()) ?? "";
    const match = /of ([\d,]+)/.exec(text);
    if (!match) throw new Error(`no total in "${text}"`);
    return Number(match[1].replaceAll(",", ""));
  }

  header(name: string): Locator {
    return this.table.getByRole("columnheader", { name });
  }

  async sortBy(name: string) {
    await this.header(name).getByRole("button").click();
    await this.waitForIdle();
  }

  async searchFor(text: string) {
    await this.search.fill(text);
    await expect(this.page).toHaveURL(text ? new RegExp(`q=${encodeURIComponent(text).replaceAll("%20", "\\+")}`) : /participants(\?(?!.*q=).*)?$/);
    await this.waitForIdle();
  }

  async addFilter(column: string, operator: string | null, value: string | null) {
    await this.page.getByRole("button", { name: "+ Add filter" }).click();
    await this.page.getByLabel("Column").selectOption({ label: column });
    if (operator) await this.page.getByLabel("Condition").selectOption({ label: operator });
    if (value !== null) {
      const field = this.page.getByLabel("Value");
      if ((await field.evaluate((element) => element.tagName)) === "SELECT") await field.selectOption({ label: value });
      else await field.fill(value);
    }
    await this.page.getByRole("button", { name: "Apply filter" }).click();
    await this.waitForIdle();
  }

  async openMenu(group: "Selection" | "Current view") {
    await this.actionsMenu.click();
    await this.page.getByRole("menuitem", { name: group }).hover();
  }

  async messageSelection() {
    await this.openMenu("Selection");
    await this.page.getByRole("menuitem", { name: "Message selection" }).click();
    await expect(this.messageDialog).toBeVisible();
  }

  async messageAllInView() {
    await this.openMenu("Current view");
    await this.page.getByRole("menuitem", { name: "Message all in view" }).click();
    await expect(this.messageDialog).toBeVisible();
  }

  recipientCount(): Locator {
    return this.messageDialog.getByTestId("recipient-count");
  }

  sendNow(): Locator {
    return this.messageDialog.getByRole("button", { name: "SEND NOW" });
  }

  connectedCell(name: string): Locator {
    return this.row(name).locator("[data-connected]");
  }

  async chooseView(name: string) {
    await this.viewPicker.click();
    await this.page.getByRole("menuitemradio", { name }).click();
    await this.waitForIdle();
  }

  async showColumn(name: string) {
    await this.page.getByRole("button", { name: "Columns" }).click();
    await this.page.getByRole("menuitemcheckbox", { name }).click();
    await this.page.keyboard.press("Escape");
  }
}
