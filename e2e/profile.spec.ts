import type { Page } from "@playwright/test";
import { createClient } from "@supabase/supabase-js";
import type { Database } from "../lib/database.types";
import { DEMO_ORGANIZER, DEMO_PARTICIPANT } from "../scripts/demo.ts";
import { expect, test } from "./fixtures";
import { ProfilePage } from "./pages/profile.page";
import { ShellPage } from "./pages/shell.page";
import { emailProvenClient } from "./support/admin";
import { e2eStack } from "./support/stack";

test.describe.configure({ timeout: 120_000 });

const shoot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

async function signedInClient(email: string, password: string) {
  const { supabaseUrl, publishableKey } = e2eStack();
  const client = createClient<Database>(supabaseUrl, publishableKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw error;
  return { client, userId: data.user.id };
}

test("an organizer renames themself; participants see the new name on past messages", async ({ page }) => {
  const newName = `Alice M. ${Date.now().toString(36)}`;
  const shell = await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  await shell.profileLink.click();
  await expect(page).toHaveURL(/\/admin\/profile$/, { timeout: 60_000 });
  const profile = new ProfilePage(page);
  await expect(profile.displayName).toHaveValue(DEMO_ORGANIZER.displayName);
  await shoot(page, "profile");

  try {
    // A blank name is refused with a translated message, nothing saved.
    await profile.rename("   ");
    await expect(profile.error).toHaveText("Enter a display name.");

    await profile.rename(newName);
    await expect(profile.saved).toHaveText("Profile saved.");
    await expect(shell.profileLink).toContainText(newName);
    await shoot(page, "profile-saved");
    await page.reload();
    await expect(profile.displayName).toHaveValue(newName);

    // The participant's conversation names the organizer's messages, past ones included, with the new name.
    const alice = await signedInClient(DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
    const participant = await emailProvenClient(DEMO_PARTICIPANT.email);
    const { data, error } = await participant
      .from("conversation_messages")
      .select("id, author_name")
      .eq("author_user_id", alice.userId);
    expect(error).toBeNull();
    expect(data?.length).toBeGreaterThan(0);
    for (const row of data ?? []) expect(row.author_name).toBe(newName);
  } finally {
    await profile.goto();
    await profile.rename(DEMO_ORGANIZER.displayName);
    await expect(profile.saved).toHaveText("Profile saved.");
  }
});

test("the profile's language becomes the back-office language", async ({ page }) => {
  await ShellPage.signIn(page, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  const profile = new ProfilePage(page);
  await profile.goto();
  await profile.language.selectOption("fr");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Profil enregistré.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Votre profil");
  await page.getByLabel("Langue du back-office").selectOption("en");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Profile saved.");
});
