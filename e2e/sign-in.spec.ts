import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { AdminHomePage } from "./pages/admin-home.page";
import { SignInPage } from "./pages/sign-in.page";
import { DEMO_EVENT, DEMO_EVENT_FR, DEMO_ORGANIZER } from "./support/accounts";
import { waitForMail } from "./support/stack";

const SCREENSHOTS = "test-results/screenshots";
const shoot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

test("the home page leads to the back-office", async ({ page }) => {
  await page.goto("/");
  await shoot(page, "home");
  await page.getByRole("link", { name: "Open the back-office" }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin$/);
});

test("an unknown page answers 404 with a translated page", async ({ page, context, baseURL, browserErrors }) => {
  browserErrors.allow(/Failed to load resource: the server responded with a status of 404/);
  await context.addCookies([{ name: "locale", value: "fr", url: baseURL ?? "" }]);
  const response = await page.goto("/nowhere");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
});

test.describe("back-office sign-in", () => {
  test("an anonymous visitor of the back-office is sent to the sign-in page", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin$/);
    await expect(new SignInPage(page).heading).toHaveText("Sign in to the back-office");
    await shoot(page, "sign-in");
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, "sign-in-mobile");
  });

  test("signs in with the password, then signs out", async ({ page }) => {
    const signIn = new SignInPage(page);
    const home = new AdminHomePage(page);
    await signIn.goto();
    await signIn.signInWithPassword(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);

    await expect(page).toHaveURL(/\/admin$/);
    await expect(home.signedInAs(DEMO_ORGANIZER.email)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${DEMO_ORGANIZER.displayName}`);
    // The seeded organizer belongs to both demo events' teams.
    await expect(home.events).toHaveCount(2);
    await expect(home.events.filter({ hasText: DEMO_EVENT.name })).toContainText("Organizer");
    await expect(home.events.filter({ hasText: DEMO_EVENT_FR.name })).toContainText(`/e/${DEMO_EVENT_FR.slug}`);
    await expect(home.emptyEvents).toBeHidden();
    await shoot(page, "admin-home");
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(home.signedInAs(DEMO_ORGANIZER.email)).toBeVisible();
    await shoot(page, "admin-home-mobile");
    await page.setViewportSize({ width: 1280, height: 720 });

    // The session survives a reload (cookies, not client memory).
    await page.reload();
    await expect(home.signedInAs(DEMO_ORGANIZER.email)).toBeVisible();

    await home.signOut();
    await expect(page).toHaveURL(/\/admin\/sign-in$/);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/sign-in\?next=/);
  });

  test("a wrong password shows a translated error and keeps the email", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signInWithPassword(DEMO_ORGANIZER.email, "not-the-password");
    await expect(signIn.errorAlert).toHaveText("Wrong email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(DEMO_ORGANIZER.email);
    await expect(page).toHaveURL(/\/admin\/sign-in/);
    await shoot(page, "sign-in-wrong-password");
  });

  test("in French, the page and its errors are French", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "locale", value: "fr", url: baseURL ?? "" }]);
    await page.goto("/admin/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion au back-office");
    await page.getByLabel("E-mail").fill(DEMO_ORGANIZER.email);
    await page.getByLabel("Mot de passe", { exact: true }).fill("mauvais");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(new SignInPage(page).errorAlert).toHaveText("E-mail ou mot de passe incorrect.");
    await shoot(page, "sign-in-fr-wrong-password");
  });

  test("the language switcher changes the locale", async ({ page }) => {
    await page.goto("/admin/sign-in");
    await page.getByRole("button", { name: "fr", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion au back-office");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await page.getByRole("button", { name: "en", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to the back-office");
  });

  test("an unknown email asking for a link gets the same answer as a known one (no account listing), and no mail", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    const since = new Date(Date.now() - 1000);
    await signIn.requestSignInLink("nobody@example.com");
    await expect(signIn.linkSentStatus).toContainText("if a back-office account uses nobody@example.com, a sign-in link is on its way");
    await expect(signIn.errorAlert).toHaveCount(0);
    await expect(waitForMail("nobody@example.com", since, 500)).rejects.toThrow(/no mail/);
  });

  test("signs in with an emailed link", async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.goto("/admin");
    const since = new Date(Date.now() - 1000);
    await signIn.requestSignInLink(DEMO_ORGANIZER.email);
    await expect(signIn.linkSentStatus).toContainText(`if a back-office account uses ${DEMO_ORGANIZER.email}, a sign-in link is on its way`);
    await shoot(page, "sign-in-link-sent");

    const mail = await waitForMail(DEMO_ORGANIZER.email, since);
    expect(mail.link).toBeTruthy();
    await page.goto(mail.link ?? "");
    await expect(page).toHaveURL(/\/admin$/);
    await expect(new AdminHomePage(page).signedInAs(DEMO_ORGANIZER.email)).toBeVisible();
  });

  test("a link's token hash works in another browser (the SSR email template route)", async ({ page, browser }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    const since = new Date(Date.now() - 1000);
    await signIn.requestSignInLink(DEMO_ORGANIZER.email);
    await expect(signIn.linkSentStatus).toBeVisible();
    const mail = await waitForMail(DEMO_ORGANIZER.email, since);
    expect(mail.tokenHash).toBeTruthy();

    const other = await browser.newContext();
    try {
      const otherPage = await other.newPage();
      await otherPage.goto(`/auth/confirm?token_hash=${mail.tokenHash}&type=magiclink&next=%2Fadmin`);
      await expect(otherPage).toHaveURL(/\/admin$/);
      await expect(new AdminHomePage(otherPage).signedInAs(DEMO_ORGANIZER.email)).toBeVisible();

      // Single use: the same link again is refused with an explanation.
      const third = await browser.newContext();
      const thirdPage = await third.newPage();
      await thirdPage.goto(`/auth/confirm?token_hash=${mail.tokenHash}&type=magiclink&next=%2Fadmin`);
      await expect(thirdPage).toHaveURL(/\/admin\/sign-in\?error=link/);
      await expect(new SignInPage(thirdPage).errorAlert).toHaveText("This sign-in link is invalid or has expired. Request a new one below.");
      await shoot(thirdPage, "sign-in-link-invalid");
      await third.close();
    } finally {
      await other.close();
    }
  });
});
