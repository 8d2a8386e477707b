import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Page } from "@playwright/test";
import type { Database } from "../lib/database.types.ts";
import { expect, test } from "./fixtures";
import { ParticipantsPage } from "./pages/participants.page";
import { DEMO_EVENT_FR, DEMO_ORGANIZER } from "./support/accounts";
import { e2eStack } from "./support/stack";
import { record } from "../bench/results.ts";

// The grid at 100,000 participants: the organizer adds them to the French demo event through the API (as the app's
// import would), then every grid interaction is timed in the browser, from the click to the new rows on screen.
// The participants are removed afterwards, so other specs see the usual demo data.

const COUNT = 100_000;
const BATCH = 1_000;
const EMAIL_DOMAIN = "perf.example.com";
/** The product goal (click → rows shown), printed next to each figure. */
const GOAL_MS = 300;
/**
 * A benchmark, not part of `npm test` (playwright.config.ts runs it only with E2E_BENCH=1, as `npm run bench -- grid`
 * does): it prints the figures; with E2E_GRID_BUDGET_MS set it also fails when a median exceeds that budget.
 */
const BUDGET_MS = process.env.E2E_GRID_BUDGET_MS ? Number(process.env.E2E_GRID_BUDGET_MS) : null;

let organizer: SupabaseClient<Database>;
let eventId: string;

test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const { supabaseUrl, publishableKey } = e2eStack();
  organizer = createClient<Database>(supabaseUrl, publishableKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const { error } = await organizer.auth.signInWithPassword({ email: DEMO_ORGANIZER.email, password: DEMO_ORGANIZER.password });
  if (error) throw error;
  const { data: event, error: eventError } = await organizer.from("events").select("id").eq("slug", DEMO_EVENT_FR.slug).single();
  if (eventError) throw eventError;
  eventId = event.id;
  const companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Cyberdyne"];
  const titles = ["Engineer", "Designer", "Manager", "Director", "Analyst", null];
  const first = ["Louise", "Hugo", "Chloé", "Lucas", "Inès", "Jules", "Léa", "Gabriel", "Manon", "Arthur"];
  const last = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon"];
  for (let start = 0; start < COUNT; start += BATCH) {
    const rows = Array.from({ length: BATCH }, (_, offset) => {
      const n = start + offset;
      return {
        event_id: eventId,
        first_name: first[n % first.length],
        last_name: `${last[(n * 7) % last.length]}-${n % 997}`,
        email: `p${n}@${EMAIL_DOMAIN}`,
        company: companies[(n * 3) % companies.length],
        job_title: titles[n % titles.length],
        registered_at: new Date(Date.UTC(2026, 0, 1) + (n % 300) * 86_400_000 + n * 1000).toISOString(),
      };
    });
    const { error: insertError } = await organizer.from("participants").insert(rows);
    if (insertError) throw insertError;
  }
});

test.afterAll(async () => {
  test.setTimeout(300_000);
  if (!organizer || !eventId) return;
  const { error } = await organizer.from("participants").delete().eq("event_id", eventId).like("email", `%@${EMAIL_DOMAIN}`);
  if (error) throw error;
});

/** Runs the interaction in the page and waits until the table is idle with other rows: the elapsed milliseconds. */
async function timed(page: Page, interaction: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const table = document.querySelector("[data-testid=participants-table]");
    const before = table?.querySelector("tbody")?.textContent ?? "";
    const state = { start: 0, end: 0 };
    Object.assign(window, { __timing: state });
    const observer = new MutationObserver(() => {
      const body = table?.querySelector("tbody")?.textContent ?? "";
      if (table?.getAttribute("aria-busy") === "false" && body !== before && state.start > 0 && state.end === 0) {
        state.end = performance.now();
        observer.disconnect();
      }
    });
    if (table) observer.observe(table, { subtree: true, childList: true, characterData: true, attributes: true });
    // The interaction starts at its first input event (a click, a key, a typed value, a chosen option).
    for (const type of ["pointerdown", "keydown", "input", "change"]) {
      document.addEventListener(type, () => (state.start ||= performance.now()), { capture: true, once: true });
    }
  });
  await interaction();
  await page.waitForFunction(() => {
    const timing = (window as { __timing?: { start: number; end: number } }).__timing;
    return Boolean(timing && timing.end > 0);
  });
  return page.evaluate(() => {
    const timing = (window as { __timing?: { start: number; end: number } }).__timing;
    return timing ? Math.round(timing.end - timing.start) : -1;
  });
}

test("grid interactions at 100,000 participants: timed from click to rows shown", async ({ page }) => {
  const grid = new ParticipantsPage(page);
  await grid.gotoSignedIn(DEMO_EVENT_FR.slug, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  const total = await grid.total();
  expect(total).toBeGreaterThanOrEqual(COUNT);

  const figures: Record<string, number[]> = {};
  const measure = async (name: string, interaction: () => Promise<void>) => {
    const ms = await timed(page, interaction);
    (figures[name] ??= []).push(ms);
  };

  for (let round = 0; round < 3; round++) {
    await measure("next page", () => page.getByRole("button", { name: "Next page" }).click());
    await measure("sort by email", () => grid.header("Email").getByRole("button").click());
    await measure("sort by registration date", () => grid.header("Registration date").getByRole("button").click());
    await measure("last page", () => page.getByRole("button", { name: "Last page" }).click());
    await measure("first page", () => page.getByRole("button", { name: "First page" }).click());
    await measure("200 rows per page", () => page.getByLabel("Rows per page").selectOption("200").then(() => undefined));
    await measure("50 rows per page", () => page.getByLabel("Rows per page").selectOption("50").then(() => undefined));
    // Search: measured from the last keystroke's debounce end is what users feel minus the 250 ms pause; here from
    // the keystroke, so the figure includes the debounce.
    await measure("search 'dubois-4' (incl. 250 ms debounce)", () => grid.search.fill(round % 2 ? "dubois-4" : "moreau-1"));
    await measure("clear search (incl. 250 ms debounce)", () => grid.search.fill(""));
    await page.getByLabel("Rows per page").focus();
  }

  const summary = Object.entries(figures).map(([name, values]) => {
    const median = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const goal = name.includes("debounce") ? GOAL_MS + 250 : GOAL_MS;
    return { interaction: name, ms: values.join(" / "), median, goal, met: median < goal };
  });
  console.log(`Grid at ${total.toLocaleString("en")} participants (click → rows shown, 3 rounds):`);
  console.table(summary);
  for (const { interaction, ms, median, goal, met } of summary) {
    record({
      id: `grid.${interaction}`, measure: `grid in the browser at ${total.toLocaleString("en")}: ${interaction}, median of 3`,
      result: `${median} ms (${ms})`, goal: `< ${goal} ms`, met,
      method: "Chromium on the production build, first input event → new rows on screen (MutationObserver)",
    });
  }
  await grid.page.screenshot({ path: "test-results/screenshots/participants-100k.png" });
  for (const { interaction, median } of summary) {
    if (BUDGET_MS === null) break;
    const budget = interaction.includes("debounce") ? BUDGET_MS + 250 : BUDGET_MS;
    expect(median, interaction).toBeLessThan(budget);
  }
});
