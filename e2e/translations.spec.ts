import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { anonSiteData } from "./pages/cms.page";
import { ShellPage } from "./pages/shell.page";
import { OrganizerApi } from "./pages/site-organizer.page";
import { SitePage } from "./pages/site.page";
import { TranslationsPage } from "./pages/translations.page";
import { DEMO_EVENT, DEMO_ORGANIZER, DEMO_PARTICIPANT, DEMO_TRANSLATOR } from "../scripts/demo.ts";

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

test.describe("translation tool and event site", () => {
  test.afterAll(async () => {
    // Whatever happened, the other specs find the conversation name at its default.
    const organizer = await OrganizerApi.signIn(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password, DEMO_EVENT.slug);
    await organizer.setOverride("en", KEY, null);
    await organizer.setOverride("fr", KEY, null);
    await organizer.stop();
  });

  test("a translator renames the participant's conversation in English and French; the participant's open page shows it on its next navigation, and a reset brings the default back", async ({
    browser,
  }) => {
    const title = (text: string) => text.replace("{{eventName}}", DEMO_EVENT.name);
    const defaults = { en: "Organizer - {{eventName}}", fr: "Organisateur - {{eventName}}" };
    const overrides = { en: "Your hosts at {{eventName}}", fr: "Vos hôtes de {{eventName}}" };

    // The participant, in their own browser, has their conversation open before the translator saves.
    const participantContext = await browser.newContext();
    const participantPage = await participantContext.newPage();
    const site = new SitePage(participantPage, DEMO_EVENT.slug);
    await site.goto("/sign-in");
    await site.signInWithCode(DEMO_PARTICIPANT.email);
    await site.expectSignedIn();
    await site.messagesLink.click();
    const listed = (text: string) => participantPage.getByRole("main").getByRole("link", { name: new RegExp(title(text)) });
    const heading = participantPage.getByRole("heading", { level: 1 });
    await listed(defaults.en).click();
    await expect(heading).toHaveText(title(defaults.en), { timeout: 30_000 });

    // The translator, in another browser, overrides both languages in the tool.
    const translatorContext = await browser.newContext();
    const translatorPage = await translatorContext.newPage();
    await ShellPage.signIn(translatorPage, DEMO_TRANSLATOR.email, DEMO_TRANSLATOR.password);
    const tool = new TranslationsPage(translatorPage);
    await tool.goto(DEMO_EVENT.slug);
    await tool.override(KEY, "English", overrides.en);
    await expect(tool.status).toHaveText(`English text of ${KEY} saved.`);
    await tool.override(KEY, "French", overrides.fr);
    await expect(tool.status).toHaveText(`French text of ${KEY} saved.`);

    // Not live: the open page keeps its title until the participant navigates; then the list and the conversation
    // show the override, with the event's name in place of {{eventName}}.
    await expect(heading).toHaveText(title(defaults.en));
    await site.messagesLink.click();
    await expect(listed(overrides.en)).toBeVisible({ timeout: 30_000 });
    await listed(overrides.en).click();
    await expect(heading).toHaveText(title(overrides.en));
    await expect(participantPage.getByRole("main")).not.toContainText("{{eventName}}");
    await shoot(participantPage, "translations-site-override-en");

    // In French, the French override.
    await site.switchLanguage("fr");
    await expect(heading).toHaveText(title(overrides.fr));
    await site.messagesLink.click();
    await expect(listed(overrides.fr)).toBeVisible();
    await expect(participantPage.getByRole("main")).not.toContainText(title(overrides.en));
    await shoot(participantPage, "translations-site-override-fr");

    // The translator resets both texts: the defaults are back on the participant's next navigation.
    await tool.resetButton(KEY, "English").click();
    await expect(tool.status).toHaveText(`English text of ${KEY} reset to its default.`);
    await tool.resetButton(KEY, "French").click();
    await expect(tool.status).toHaveText(`French text of ${KEY} reset to its default.`);
    await expect.poll(() => overridesOf(DEMO_EVENT.slug)).toEqual([]);
    await listed(overrides.fr).click();
    await expect(heading).toHaveText(title(defaults.fr));
    await site.switchLanguage("en");
    await expect(heading).toHaveText(title(defaults.en));
    await site.messagesLink.click();
    await expect(listed(defaults.en)).toBeVisible();

    await translatorContext.close();
    await participantContext.close();
  });
});
