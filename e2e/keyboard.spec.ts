// The main flows with the keyboard alone (no clicks, no hover): an organizer filters the participants grid, pages
// through it, selects rows, opens the three-dots menu, "Message selection", types and sends; a participant reads and
// answers her conversation on the event site; a translator edits and saves an override. Each step checks where focus
// is and that it shows (a focus outline), since that is what a keyboard user relies on. Signing in (a setup step) uses
// the usual page objects.
import type { Locator, Page } from "@playwright/test";
import { DEMO_EVENT, DEMO_ORGANIZER, DEMO_PARTICIPANT, DEMO_TRANSLATOR } from "../scripts/demo.ts";
import { participantsPath, siteMessagesPath, translationsPath } from "../lib/routes";
import { expect, test } from "./fixtures";
import { ParticipantsPage } from "./pages/participants.page";
import { SignInPage } from "./pages/sign-in.page";
import { SitePage } from "./pages/site.page";
import { TranslationsPage } from "./pages/translations.page";
import { e2eAdmin } from "./support/admin";

test.describe.configure({ timeout: 180_000 });

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return presses;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${target} not reached within ${max} ${backwards ? "Shift+Tab" : "Tab"} presses`);
}

/** How the element shows focus: an outline (and whether an ancestor cuts it), or the ring our text fields use. */
function focusIndicator(element: Element) {
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1 && !style.outlineColor.endsWith(", 0)");
  const ring = /\b0px 0px 0px [1-9]/.test(style.boxShadow);
  // An outline drawn outside the element is cut by an ancestor that clips its overflow (e.g. a rounded card).
  const box = element.getBoundingClientRect();
  const reach = outline ? parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) : 0;
  let clippedBy = "";
  for (let ancestor = element.parentElement; ancestor && reach > 0; ancestor = ancestor.parentElement) {
    const { overflowX, overflowY } = getComputedStyle(ancestor);
    if (overflowX === "visible" && overflowY === "visible") continue;
    const clip = ancestor.getBoundingClientRect();
    const cut = box.left - reach < clip.left || box.right + reach > clip.right || box.top - reach < clip.top || box.bottom + reach > clip.bottom;
    if (cut) clippedBy = ancestor.className || ancestor.tagName;
    break;
  }
  const name = `${element.tagName.toLowerCase()} "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40)}"`;
  return { name, visible: (outline || ring) && clippedBy === "", outline, ring, clippedBy, matches: element.matches(":focus-visible") };
}

/** The focused element draws a focus indicator that nothing cuts. */
async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  const indicator = await target.evaluate(focusIndicator);
  expect(indicator.matches, "focus is :focus-visible").toBe(true);
  expect(indicator.outline || indicator.ring, "focus outline or ring").toBe(true);
  expect(indicator.clippedBy, "the focus outline is not cut by an ancestor").toBe("");
}

/** Tabs through the page from its start (at most `stops` stops): the stops that do not show their focus. */
async function stopsWithoutVisibleFocus(page: Page, stops = 60): Promise<string[]> {
  await page.locator("body").focus();
  const hidden: string[] = [];
  for (let stop = 0; stop < stops; stop++) {
    await page.keyboard.press("Tab");
    // Back at the first stop, past the last one (focus leaves the page) or on the dev build's overlay: the walk is over.
    const over = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body || element.tagName === "NEXTJS-PORTAL" || element.hasAttribute("data-first-stop")) return true;
      if (!document.querySelector("[data-first-stop]")) element.setAttribute("data-first-stop", "");
      return false;
    });
    if (over) break;
    const indicator = (await page.evaluate(`(${focusIndicator.toString()})(document.activeElement)`)) as ReturnType<typeof focusIndicator>;
    if (!indicator.visible) hidden.push(`${indicator.name}${indicator.clippedBy ? ` (cut by ${indicator.clippedBy})` : ""}`);
  }
  return hidden;
}

/** What a keyboard user sees at a step (test-results/screenshots/keyboard-*.png), to judge focus outlines by eye. */
const shoot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/keyboard-${name}.png`, caret: "initial" });

/** The focused element, for messages (tag and accessible text). */
const focused = (page: Page) => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.slice(0, 40) ?? ""}`);

test("an organizer filters, selects and messages participants with the keyboard alone", async ({ page }) => {
  const grid = new ParticipantsPage(page);
  await grid.gotoSignedIn(DEMO_EVENT.slug, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  await page.goto(participantsPath(DEMO_EVENT.slug), { waitUntil: "networkidle" });
  await grid.waitForIdle();

  // Paging keeps focus on the pager (not <body>), also where the button pressed turns disabled (first or last page).
  const next = page.getByRole("button", { name: "Next page" });
  const last = page.getByRole("button", { name: "Last page" });
  const previous = page.getByRole("button", { name: "Previous page" });
  const first = page.getByRole("button", { name: "First page" });
  await tabTo(page, next, { max: 250 });
  await expectVisibleFocus(next);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/page=2/);
  await grid.waitForIdle();
  await expect(next, `after a page change, focus is on ${await focused(page)}`).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(last).toBeFocused();
  await page.keyboard.press("Enter");
  await grid.waitForIdle();
  await expect(last).toBeDisabled();
  await expect(previous, `on the last page, focus is on ${await focused(page)}`).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(first).toBeFocused();
  await page.keyboard.press("Enter");
  await grid.waitForIdle();
  await expect(first).toBeDisabled();
  await expect(next, `on the first page, focus is on ${await focused(page)}`).toBeFocused();
  await shoot(page, "pager");

  // Filter: the search box, reached with Shift+Tab.
  await tabTo(page, grid.search, { backwards: true, max: 250 });
  await expectVisibleFocus(grid.search);
  await page.keyboard.type("son");
  await expect(page).toHaveURL(/q=son/);
  await grid.waitForIdle();
  expect(await grid.total()).toBeGreaterThan(3);

  // Select three rows: Shift+Tab back to the rows, Space ticks a checkbox.
  const checkboxes = grid.rows.getByRole("checkbox");
  await tabTo(page, checkboxes.first(), { max: 20 });
  for (let index = 0; index < 3; index++) {
    await expectVisibleFocus(checkboxes.nth(index));
    await page.keyboard.press("Space");
    await expect(checkboxes.nth(index)).toBeChecked();
    await tabTo(page, checkboxes.nth(index + 1), { max: 4 });
  }
  await expect(grid.selectionCount).toHaveText("3 selected");

  // The three-dots menu: Enter opens it on its first item, → opens "Selection", Enter picks "Message selection".
  await tabTo(page, grid.actionsMenu, { backwards: true, max: 80 });
  await expectVisibleFocus(grid.actionsMenu);
  await page.keyboard.press("Enter");
  const selection = page.getByRole("menuitem", { name: "Selection" });
  await expectVisibleFocus(selection);
  await page.keyboard.press("ArrowRight");
  const messageSelection = page.getByRole("menuitem", { name: "Message selection" });
  await expectVisibleFocus(messageSelection);
  await shoot(page, "menu");
  await page.keyboard.press("Enter");

  // The pop-in opens with focus in its text box: typing writes the message (and does not reopen the menu).
  await expect(grid.messageDialog).toBeVisible();
  const body = grid.messageDialog.getByRole("textbox", { name: "Message" });
  await expect(body).toBeFocused();
  const text = `Keyboard only ${Date.now()}`;
  await page.keyboard.type(text);
  await expect(body).toHaveValue(text);
  await expect(page.getByRole("menu")).toHaveCount(0);
  await expect(grid.recipientCount()).toHaveText("3 participants will receive this message");
  await shoot(page, "pop-in");

  // SEND NOW: two Tabs away (Cancel, then SEND NOW).
  await tabTo(page, grid.sendNow(), { max: 3 });
  await expectVisibleFocus(grid.sendNow());
  await page.keyboard.press("Enter");
  await expect(grid.messageDialog.getByText("Message sent to 3 participants.")).toBeVisible();

  // Focus stays in the pop-in (on Close), and closing returns it to the "…" button that opened the menu.
  const close = grid.messageDialog.getByRole("button", { name: "Close" });
  await expectVisibleFocus(close);
  await page.keyboard.press("Enter");
  await expect(grid.messageDialog).toHaveCount(0);
  await expect(grid.actionsMenu, `after the pop-in closed, focus is on ${await focused(page)}`).toBeFocused();
  await shoot(page, "after-pop-in");

  // Escape closes the pop-in too, with the same return of focus.
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("menuitem", { name: "Message all in view" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(grid.messageDialog.getByRole("textbox", { name: "Message" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(grid.messageDialog).toHaveCount(0);
  await expect(grid.actionsMenu).toBeFocused();

  // The participant window from a row's Open button: → moves to its Messages tab, the reply box is a Tab away, Escape
  // closes the window and focus returns to the button.
  const open = grid.rows.first().getByRole("button", { name: /^Open / });
  await tabTo(page, open, { max: 20 });
  await expectVisibleFocus(open);
  await page.keyboard.press("Enter");
  await expect(grid.participantWindow).toBeVisible();
  const details = grid.participantWindow.getByRole("tab", { name: "Details" });
  await tabTo(page, details, { max: 5 });
  await expectVisibleFocus(details);
  await page.keyboard.press("ArrowRight");
  const messagesTab = grid.participantWindow.getByRole("tab", { name: "Messages" });
  await expect(messagesTab).toHaveAttribute("aria-selected", "true");
  await expectVisibleFocus(messagesTab);
  await tabTo(page, grid.participantWindow.getByRole("textbox", { name: /^Reply to / }), { max: 10 });
  await page.keyboard.press("Escape");
  await expect(grid.participantWindow).toHaveCount(0);
  await expect(open, `after the window closed, focus is on ${await focused(page)}`).toBeFocused();
});

test("a participant reads and answers her conversation with the keyboard alone", async ({ page }) => {
  const site = new SitePage(page, DEMO_EVENT.slug);
  await site.goto("/sign-in");
  await site.signInWithCode(DEMO_PARTICIPANT.email);
  await site.expectSignedIn();
  await page.goto(siteMessagesPath(DEMO_EVENT.slug), { waitUntil: "networkidle" });

  // The conversation, from the list of conversations.
  const conversation = page.getByRole("main").getByRole("listitem").getByRole("link");
  await tabTo(page, conversation);
  await expectVisibleFocus(conversation);
  await shoot(page, "site-conversation-link");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(site.messages.first()).toBeVisible();

  // The reply box, reached with Tab; Enter sends.
  await tabTo(page, site.composer);
  await expectVisibleFocus(site.composer);
  const text = `Answered with the keyboard ${Date.now()}`;
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
  await expect(site.message(text)).toBeVisible();
  await expect(site.composer).toHaveValue("");
  await expect(site.composer).toBeFocused();
});

test.describe("translation override", () => {
  const KEY = "composer.placeholder";

  test.afterAll(async () => {
    const { data } = await e2eAdmin().from("events").select("id").eq("slug", DEMO_EVENT.slug).single();
    if (data) await e2eAdmin().from("translation_overrides").delete().eq("event_id", data.id).eq("key", KEY);
  });

  test("a translator edits and saves an override with the keyboard alone", async ({ page }) => {
    await page.goto("/admin/sign-in");
    await new SignInPage(page).signInWithPassword(DEMO_TRANSLATOR.email, DEMO_TRANSLATOR.password);
    await page.waitForURL(/\/admin$/);
    const tool = new TranslationsPage(page);
    await page.goto(translationsPath(DEMO_EVENT.slug), { waitUntil: "networkidle" });

    // Find the key with the search box, then Tab to its English cell.
    await tabTo(page, tool.search);
    await expectVisibleFocus(tool.search);
    await page.keyboard.type(KEY);
    await expect(tool.rows).toHaveCount(1);
    const cell = tool.editButton(KEY, "English");
    await tabTo(page, cell);
    await expectVisibleFocus(cell);
    await shoot(page, "translation-cell");

    // Enter edits (the text box takes focus), Enter saves, focus comes back to the cell.
    await page.keyboard.press("Enter");
    const editor = tool.editor(KEY, "English");
    await expect(editor).toBeFocused();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("Type your message…");
    await page.keyboard.press("Enter");
    await expect(tool.status).toHaveText(`English text of ${KEY} saved.`);
    await expect(cell).toContainText("Type your message…");
    await expectVisibleFocus(cell);
  });
});

test("every tab stop of the main pages shows its focus", async ({ page, browser }) => {
  await page.goto("/admin/sign-in");
  await new SignInPage(page).signInWithPassword(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  await page.waitForURL(/\/admin$/);
  const found: string[] = [];
  const slug = DEMO_EVENT.slug;
  for (const url of ["/admin", "/admin/profile", participantsPath(slug), `/admin/events/${slug}/messages`, `/admin/events/${slug}/site`, translationsPath(slug)]) {
    await page.goto(url, { waitUntil: "networkidle" });
    found.push(...(await stopsWithoutVisibleFocus(page)).map((stop) => `${url}: ${stop}`));
  }
  const participant = await browser.newPage();
  const site = new SitePage(participant, slug);
  await site.goto("/sign-in");
  found.push(...(await stopsWithoutVisibleFocus(participant)).map((stop) => `sign-in: ${stop}`));
  await site.signInWithCode(DEMO_PARTICIPANT.email);
  await site.expectSignedIn();
  for (const path of ["", "/messages"]) {
    await site.goto(path);
    await participant.waitForLoadState("networkidle");
    found.push(...(await stopsWithoutVisibleFocus(participant)).map((stop) => `/e/${slug}${path}: ${stop}`));
  }
  await participant.close();
  expect(found, "tab stops without a visible focus indicator").toEqual([]);
});
