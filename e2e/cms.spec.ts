import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { anonSiteData, CmsPage } from "./pages/cms.page";
import { ShellPage } from "./pages/shell.page";
import { DEMO_EVENT, DEMO_ORGANIZER, DEMO_TRANSLATOR } from "../scripts/demo.ts";

test.describe.configure({ timeout: 120_000 });

const shoot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true, caret: "initial" });
const settingsOf = async (slug: string) => (await anonSiteData(slug)).settings;

test.describe("event site CMS", () => {
  test("an organizer edits the header menu and toggles contacting the organizer off and on", async ({ page }) => {
    const shell = await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
    const cms = new CmsPage(page);
    await cms.goto(DEMO_EVENT.slug);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Event site");
    await expect(shell.navLink("Event site")).toHaveAttribute("aria-current", "page");
    await expect(page.getByText("The header menu has no link yet.")).toBeVisible();
    await expect(cms.allowContact).toBeChecked();
    await expect(cms.save).toBeDisabled();

    // OPTIONS: off, saved; on, saved.
    await cms.allowContact.click();
    await expect(page.getByText("Unsaved changes")).toBeVisible();
    await cms.save.click();
    await expect(cms.status).toHaveText("Event site saved.");
    expect((await settingsOf(DEMO_EVENT.slug))?.allow_contact_organizer).toBe(false);
    await page.reload({ waitUntil: "networkidle" });
    await expect(cms.allowContact).not.toBeChecked();
    await cms.allowContact.press("Space");
    await expect(cms.allowContact).toBeChecked();
    await cms.save.click();
    await expect(cms.status).toHaveText("Event site saved.");
    expect((await settingsOf(DEMO_EVENT.slug))?.allow_contact_organizer).toBe(true);

    // Two links; an invalid target is refused beside its field.
    await cms.add({ en: "Venue", fr: "Lieu" }, "http://maps.example.com");
    await cms.save.click();
    await expect(cms.alert).toContainText("Enter a page of the event site");
    await expect(cms.item(1).getByText("Enter a page of the event site")).toBeVisible();
    await cms.item(1).getByLabel("Target").fill("https://maps.example.com/venue");
    await cms.add({ en: "My messages", fr: "Mes messages" }, "messages");
    await expect(cms.item(2)).toContainText(`Site page: /e/${DEMO_EVENT.slug}/messages`);

    // Reorder with the keyboard: the moved link keeps the focus.
    await page.getByRole("button", { name: "Move link 2 up" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Move link 1 down" })).toBeFocused();
    await expect(cms.item(1).getByLabel("Label (English)")).toHaveValue("My messages");
    await shoot(page, "cms-header-menu");
    await cms.save.click();
    await expect(cms.status).toHaveText("Event site saved.");
    const saved = await settingsOf(DEMO_EVENT.slug);
    expect(saved?.header_menu).toEqual([
      { id: expect.any(String), label: { en: "My messages", fr: "Mes messages" }, target: "messages" },
      { id: expect.any(String), label: { en: "Venue", fr: "Lieu" }, target: "https://maps.example.com/venue" },
    ]);

    // The event site's header shows them, in order, in the visitor's language; the external one opens safely.
    const visitor = await page.context().browser()!.newPage({ locale: "en-US" });
    await visitor.goto(`/e/${DEMO_EVENT.slug}`);
    const siteMenu = visitor.getByRole("navigation", { name: "Site menu" });
    await expect(siteMenu.getByRole("link", { name: "My messages" })).toHaveAttribute("href", `/e/${DEMO_EVENT.slug}/messages`);
    const venue = siteMenu.getByRole("link", { name: "Venue" });
    await expect(venue).toHaveAttribute("href", "https://maps.example.com/venue");
    await expect(venue).toHaveAttribute("rel", "noopener noreferrer");
    await shoot(visitor, "site-header-cms-menu");
    await visitor.close();

    // After a reload the menu is as saved; removing both links restores the empty menu.
    await page.reload({ waitUntil: "networkidle" });
    await expect(cms.item(1).getByLabel("Label (English)")).toHaveValue("My messages");
    await page.getByRole("button", { name: "Remove link 1" }).click();
    await page.getByRole("button", { name: "Remove link 1" }).click();
    await cms.save.click();
    await expect(cms.status).toHaveText("Event site saved.");
    expect((await settingsOf(DEMO_EVENT.slug))?.header_menu).toEqual([]);
  });

  test("the server refuses the organizer's save action to a translator", async ({ browser, page }) => {
    await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
    const cms = new CmsPage(page);
    await cms.goto(DEMO_EVENT.slug);
    await cms.allowContact.click();
    // Capture the save as the browser sends it (the server action's id and arguments)...
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
      cms.save.click(),
    ]);
    await expect(cms.status).toHaveText("Event site saved.");
    expect((await settingsOf(DEMO_EVENT.slug))?.allow_contact_organizer).toBe(false);
    await cms.allowContact.click();
    await cms.save.click();
    await expect(cms.status).toHaveText("Event site saved.");
    expect((await settingsOf(DEMO_EVENT.slug))?.allow_contact_organizer).toBe(true);

    // ...and replay it signed in as a translator: refused, nothing changes.
    const context = await browser.newContext();
    const translator = await context.newPage();
    await ShellPage.signIn(translator, DEMO_TRANSLATOR.email, DEMO_TRANSLATOR.password);
    const headers = request.headers();
    const response = await translator.request.post(request.url(), {
      headers: {
        "next-action": headers["next-action"] ?? "",
        "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: new URL(request.url()).origin,
      },
      data: request.postData() ?? "",
    });
    expect(await response.text()).toContain("errors.notAllowed");
    expect((await settingsOf(DEMO_EVENT.slug))?.allow_contact_organizer).toBe(true);
    await context.close();
  });
});
