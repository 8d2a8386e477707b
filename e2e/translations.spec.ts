import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { anonSiteData } from "./pages/cms.page";
import { ShellPage } from "./pages/shell.page";
import { TranslationsPage } from "./pages/translations.page";
import { DEMO_EVENT, DEMO_ORGANIZER, DEMO_TRANSLATOR } from "../scripts/demo.ts";

test.describe.configure({ timeout: 120_000 });

const KEY = "companion.trad.discussionthreads.participant.organizer";
const shoot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true, caret: "initial" });
const overridesOf = async (slug: string) => (await anonSiteData(slug)).overrides.filter((row) => row.key === KEY);

test.describe("translation tool", () => {
  test("an organizer overrides the conversation name in English and French, then resets it", async ({ page }) => {
    await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
    const tool = new TranslationsPage(page);
    await tool.goto(DEMO_EVENT.slug);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Translations");
    await expect(tool.row(KEY)).toContainText("Organizer - {{eventName}}");
    await expect(tool.row(KEY)).toContainText("Organisateur - {{eventName}}");
    await shoot(page, "translations-tool");

    // Search by text finds the key; a search matching nothing says so.
    await tool.search.fill("organisateur");
    await expect(tool.row(KEY)).toBeVisible();
    await tool.search.fill("no text says this");
    await expect(page.getByText("No text matches")).toBeVisible();
    await page.getByRole("button", { name: "Clear the filters" }).click();
    await expect(tool.search).toHaveValue("");

    // A text that drops the placeholder is refused with the reason, and Escape leaves the default in place.
    await tool.override(KEY, "English", "Your hosts");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("This text must keep {{eventName}}.");
    await shoot(page, "translations-editing-error");
    await tool.editor(KEY, "English").press("Escape");
    await expect(tool.editor(KEY, "English")).toHaveCount(0);
    await expect(tool.editButton(KEY, "English")).toBeFocused();
    expect(await overridesOf(DEMO_EVENT.slug)).toEqual([]);

    // Keyboard only: Enter opens the editor, Enter saves.
    await tool.editButton(KEY, "English").press("Enter");
    await tool.editor(KEY, "English").fill("Your hosts at {{eventName}}");
    await shoot(page, "translations-editing");
    await tool.editor(KEY, "English").press("Enter");
    await expect(tool.status).toHaveText(`English text of ${KEY} saved.`);
    await expect(tool.row(KEY)).toContainText(`Changed by ${DEMO_ORGANIZER.displayName}`);

    await tool.override(KEY, "French", "Vos hôtes de {{eventName}}");
    await expect(tool.status).toHaveText(`French text of ${KEY} saved.`);
    expect(await overridesOf(DEMO_EVENT.slug)).toEqual([
      { locale: "en", key: KEY, value: "Your hosts at {{eventName}}" },
      { locale: "fr", key: KEY, value: "Vos hôtes de {{eventName}}" },
    ]);

    // After a reload: the overrides, who and the "Overridden only" filter.
    await page.reload({ waitUntil: "networkidle" });
    await tool.overriddenOnly.check();
    await expect(tool.rows).toHaveCount(1);
    await expect(tool.row(KEY)).toContainText("Your hosts at {{eventName}}");
    await expect(tool.row(KEY)).toContainText("Vos hôtes de {{eventName}}");
    await expect(tool.row(KEY).getByText(`Changed by ${DEMO_ORGANIZER.displayName}`)).toHaveCount(2);
    await tool.showLanguages("French");
    await expect(page.getByRole("columnheader")).toHaveText(["Key", "French"]);
    await tool.showLanguages("All");
    await shoot(page, "translations-overridden-only");

    await tool.resetButton(KEY, "English").click();
    await expect(tool.status).toHaveText(`English text of ${KEY} reset to its default.`);
    await expect(tool.row(KEY)).toContainText("Organizer - {{eventName}}");
    expect(await overridesOf(DEMO_EVENT.slug)).toEqual([{ locale: "fr", key: KEY, value: "Vos hôtes de {{eventName}}" }]);
    await tool.resetButton(KEY, "French").click();
    await expect(tool.status).toHaveText(`French text of ${KEY} reset to its default.`);
    await expect(tool.rows).toHaveCount(0);
    await expect(page.getByText("No override yet")).toBeVisible();
    expect(await overridesOf(DEMO_EVENT.slug)).toEqual([]);
  });

  test("a translator edits translations and reaches nothing else of the back-office", async ({ page, browserErrors }) => {
    browserErrors.allow(/Failed to load resource: the server responded with a status of 404/);
    await ShellPage.signIn(page, DEMO_TRANSLATOR.email, DEMO_TRANSLATOR.password);
    await page.getByRole("link", { name: new RegExp(DEMO_EVENT.name) }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/events/${DEMO_EVENT.slug}/translations$`), { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    const tool = new TranslationsPage(page);
    await expect(page.getByRole("link", { name: "Event site", exact: true })).toHaveCount(0);

    await tool.override(KEY, "French", "L’équipe de {{eventName}}");
    await expect(tool.row(KEY)).toContainText(`Changed by ${DEMO_TRANSLATOR.displayName}`);
    expect(await overridesOf(DEMO_EVENT.slug)).toEqual([{ locale: "fr", key: KEY, value: "L’équipe de {{eventName}}" }]);
    await shoot(page, "translations-translator");
    await tool.resetButton(KEY, "French").click();
    await expect.poll(() => overridesOf(DEMO_EVENT.slug)).toEqual([]);

    // Every organizer page answers 404; the translator keeps their own profile.
    for (const path of ["participants", "messages", "site"]) {
      const response = await page.goto(`/admin/events/${DEMO_EVENT.slug}/${path}`);
      expect(response?.status(), path).toBe(404);
    }
    const profile = await page.goto("/admin/profile");
    expect(profile?.status()).toBe(200);
    await expect(page.getByLabel("Display name")).toHaveValue(DEMO_TRANSLATOR.displayName);
  });
});
