import type { Locator, Page } from "@playwright/test";
import { inboxPath } from "../../lib/routes.ts";
import { ConversationPage } from "./conversation.page";

/** INTERACTIVITY › Participants messages. */
export class InboxPage {
  readonly heading: Locator;
  readonly search: Locator;
  readonly unreadOnly: Locator;
  readonly rows: Locator;
  readonly empty: Locator;
  readonly loadMore: Locator;
  readonly conversationTitle: Locator;
  readonly conversation: ConversationPage;
  readonly back: Locator;
  readonly openInGrid: Locator;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole("heading", { level: 1 });
    this.search = page.getByRole("searchbox", { name: "Search conversations" });
    this.unreadOnly = page.getByRole("checkbox", { name: "Unread only" });
    this.rows = page.getByRole("list", { name: "Conversations" }).getByTestId("inbox-row");
    this.empty = page.getByTestId("inbox-empty");
    this.loadMore = page.getByRole("button", { name: "Load more" });
    this.conversationTitle = page.getByTestId("conversation-title");
    this.conversation = new ConversationPage(page);
    this.back = page.getByRole("button", { name: "All conversations" });
    this.openInGrid = page.getByRole("link", { name: "Open in participants" });
  }

  async goto(eventSlug: string, query = "") {
    await this.page.goto(`${inboxPath(eventSlug)}${query}`);
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByText(name, { exact: true }) });
  }

  unreadMarker(row: Locator): Locator {
    return row.getByTestId("unread-marker");
  }

  /** The names of the listed conversations, top to bottom. */
  async names(): Promise<string[]> {
    return this.rows.locator("a > span:first-child > span:first-child").allTextContents();
  }

  /** Opens a conversation and waits for it (a click before hydration is a plain link: the page reloads with it). */
  async open(name: string) {
    await this.row(name).getByRole("link").click();
    await this.page.waitForURL(/[?&]thread=\d+/);
    await this.conversationTitle.filter({ hasText: name }).waitFor({ timeout: 30_000 });
  }
}
