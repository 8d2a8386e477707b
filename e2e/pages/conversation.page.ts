import type { Locator, Page } from "@playwright/test";

/** An organizer conversation (OrganizerConversation), inside the inbox or the participant window. */
export class ConversationPage {
  readonly root: Locator;
  readonly messages: Locator;
  readonly replyField: Locator;
  readonly sendButton: Locator;
  readonly counter: Locator;

  readonly page: Page;

  constructor(page: Page, scope: Locator = page.locator("body")) {
    this.page = page;
    this.root = scope.getByTestId("organizer-conversation");
    this.messages = this.root.getByTestId("conversation-message");
    this.replyField = this.root.getByRole("textbox", { name: /^Reply to / });
    this.sendButton = this.root.getByRole("button", { name: "Send", exact: true });
    this.counter = this.root.getByTestId("reply-counter");
  }

  message(text: string): Locator {
    return this.messages.filter({ hasText: text });
  }

  /** Types a reply and sends it with Enter. */
  async reply(text: string) {
    await this.replyField.fill(text);
    await this.replyField.press("Enter");
  }
}
