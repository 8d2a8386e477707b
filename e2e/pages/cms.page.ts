import { createClient } from "@supabase/supabase-js";
import { e2eStack } from "../support/stack";
import type { Locator, Page } from "@playwright/test";

/** The back-office CMS of the event site: header menu editor and its OPTIONS. */
export class CmsPage {
  readonly page: Page;
  readonly allowContact: Locator;
  readonly items: Locator;
  readonly save: Locator;
  readonly addLink: Locator;
  readonly alert: Locator;
  readonly status: Locator;

  constructor(page: Page) {
    this.page = page;
    this.allowContact = page.getByRole("switch", { name: "Allow participant to contact organizer" });
    this.items = page.getByRole("main").getByRole("listitem");
    this.save = page.getByRole("button", { name: "Save", exact: true });
    this.addLink = page.getByRole("button", { name: "Add a link" });
    this.alert = page.getByRole("main").getByRole("alert");
    this.status = page.getByRole("main").getByRole("status");
  }

  async goto(slug: string) {
    // Hydrated before any click.
    await this.page.goto(`/admin/events/${slug}/site`, { timeout: 60_000, waitUntil: "networkidle" });
  }

  item(position: number): Locator {
    return this.page.getByRole("listitem", { name: `Link ${position}`, exact: true });
  }

  /** Adds a link at the end of the menu. */
  async add(label: { en: string; fr: string }, target: string) {
    await this.addLink.click();
    const item = this.items.last();
    await item.getByLabel("Label (English)").fill(label.en);
    await item.getByLabel("Label (Français)").fill(label.fr);
    await item.getByLabel("Target").fill(target);
  }
}

/** What the event site can read of an event as an anonymous visitor: its translation overrides and site settings. */
export async function anonSiteData(slug: string) {
  const { supabaseUrl, publishableKey } = e2eStack();
  const supabase = createClient(supabaseUrl, publishableKey, { auth: { persistSession: false } });
  const event = await supabase.from("events").select("id").eq("slug", slug).single();
  if (event.error) throw new Error(`event ${slug}: ${event.error.message}`);
  const [overrides, settings] = await Promise.all([
    supabase.from("translation_overrides").select("locale, key, value").eq("event_id", event.data.id).order("locale"),
    supabase.from("site_settings").select("allow_contact_organizer, header_menu").eq("event_id", event.data.id).maybeSingle(),
  ]);
  if (overrides.error) throw new Error(overrides.error.message);
  if (settings.error) throw new Error(settings.error.message);
  return { overrides: overrides.data, settings: settings.data };
}
