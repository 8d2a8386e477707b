import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Browser, Page } from "@playwright/test";
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
/**
 * With E2E_GRID_TRACE=1 the rounds run under a Chromium performance trace (slower: the figures are for the breakdown,
 * not for the goal) and the spec prints where the page's main thread spent each interaction's time.
 */
const TRACE = process.env.E2E_GRID_TRACE === "1";

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

interface Timing {
  /** Click → new rows in the DOM (the goal's figure). */
  ms: number;
  /** Click → the next frame after that (style, layout and paint of the new rows done): for information. */
  paintedMs: number;
}

/**
 * Runs the interaction in the page and waits until the table is idle with other rows: the elapsed milliseconds. The
 * page also marks the start, the end and the next painted frame (performance.mark "grid:…", seen in a trace).
 */
async function timed(page: Page, interaction: () => Promise<void>): Promise<Timing> {
  await page.evaluate(() => {
    const table = document.querySelector("[data-testid=participants-table]");
    const before = table?.querySelector("tbody")?.textContent ?? "";
    const state = { start: 0, end: 0, painted: 0 };
    Object.assign(window, { __timing: state });
    const observer = new MutationObserver(() => {
      const body = table?.querySelector("tbody")?.textContent ?? "";
      if (table?.getAttribute("aria-busy") === "false" && body !== before && state.start > 0 && state.end === 0) {
        state.end = performance.now();
        performance.mark("grid:end");
        observer.disconnect();
        // The next animation frame's callbacks run before its style and layout; a task queued from there runs after
        // the frame was produced.
        requestAnimationFrame(() =>
          setTimeout(() => {
            state.painted = performance.now();
            performance.mark("grid:painted");
          }),
        );
      }
    });
    if (table) observer.observe(table, { subtree: true, childList: true, characterData: true, attributes: true });
    // The interaction starts at its first input event (a click, a key, a typed value, a chosen option).
    for (const type of ["pointerdown", "keydown", "input", "change"]) {
      document.addEventListener(
        type,
        () => {
          if (state.start) return;
          state.start = performance.now();
          performance.mark("grid:start");
        },
        { capture: true, once: true },
      );
    }
  });
  await interaction();
  await page.waitForFunction(() => {
    const timing = (window as { __timing?: { painted: number } }).__timing;
    return Boolean(timing && timing.painted > 0);
  });
  return page.evaluate(() => {
    const timing = (window as { __timing?: { start: number; end: number; painted: number } }).__timing;
    return timing
      ? { ms: Math.round(timing.end - timing.start), paintedMs: Math.round(timing.painted - timing.start) }
      : { ms: -1, paintedMs: -1 };
  });
}

// ---- Trace breakdown (E2E_GRID_TRACE=1): the renderer main thread's self time per kind of work, as DevTools counts it.

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: less sensitive to a loaded machine than the wall time. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

const KINDS: [kind: string, names: RegExp][] = [
  ["style", /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation|InvalidateLayout)$/],
  ["layout", /^(Layout|UpdateLayout|LayoutShift)$/],
  ["paint", /^(PrePaint|Paint|PaintImage|Layerize|UpdateLayer|UpdateLayerTree|CompositeLayers|Commit|IntersectionObserverController::computeIntersections|HitTest)$/],
  ["gc", /GC|Sweep|Scavenge|MarkCompact/i],
  ["script", /^(FunctionCall|EvaluateScript|EventDispatch|TimerFire|FireAnimationFrame|RunMicrotasks|V8\.|v8\.|v8|ParseHTML|XHRReadyStateChange|ResourceReceivedData|ResourceFinish)/],
];

function kindOf(name: string): string {
  return KINDS.find(([, names]) => names.test(name))?.[0] ?? "other";
}

/**
 * Per interaction window (start → end, end → painted): the main thread's CPU milliseconds by kind (each trace event's
 * own thread time, without its children's, counted in the window where the event starts), and the wall time.
 */
function breakdown(trace: TraceEvent[]): { busy: Record<string, number>; after: Record<string, number> }[] {
  const marks = trace.filter((event) => event.name.startsWith("grid:") && (event.cat ?? "").includes("user_timing")).sort((a, b) => a.ts - b.ts);
  if (marks.length === 0) return [];
  const { pid, tid } = marks[0];
  // Complete events of that thread (B/E pairs folded into X).
  const open: TraceEvent[] = [];
  const events: { name: string; ts: number; end: number; cpu: number }[] = [];
  for (const event of trace) {
    if (event.pid !== pid || event.tid !== tid) continue;
    if (event.ph === "X" && event.dur !== undefined) events.push({ name: event.name, ts: event.ts, end: event.ts + event.dur, cpu: event.tdur ?? event.dur });
    else if (event.ph === "B") open.push(event);
    else if (event.ph === "E") {
      const begin = open.pop();
      if (begin) events.push({ name: begin.name, ts: begin.ts, end: event.ts, cpu: event.tts !== undefined && begin.tts !== undefined ? event.tts - begin.tts : event.ts - begin.ts });
    }
  }
  events.sort((a, b) => a.ts - b.ts || b.end - a.end);
  // Self time: each event's thread time minus its direct children's.
  const selfTimes: { kind: string; ts: number; self: number }[] = [];
  const stack: { name: string; ts: number; end: number; cpu: number; children: number }[] = [];
  const pop = () => {
    const done = stack.pop();
    if (done) selfTimes.push({ kind: kindOf(done.name), ts: done.ts, self: Math.max(0, done.cpu - done.children) });
    return done;
  };
  for (const event of events) {
    while (stack.length > 0 && stack[stack.length - 1].end <= event.ts) pop();
    const parent = stack[stack.length - 1];
    if (parent && event.end > parent.end) continue; // not properly nested: ignored
    if (parent) parent.children += event.cpu;
    stack.push({ ...event, children: 0 });
  }
  while (stack.length > 0) pop();
  const sum = (from: number, to: number) => {
    const totals: Record<string, number> = {};
    for (const { kind, ts, self } of selfTimes) if (ts >= from && ts < to) totals[kind] = (totals[kind] ?? 0) + self / 1000;
    totals.wall = (to - from) / 1000;
    return totals;
  };
  const windows = [];
  for (let index = 0; index + 2 < marks.length; index += 3) {
    const [start, end, painted] = marks.slice(index, index + 3);
    if (start.name !== "grid:start" || end.name !== "grid:end" || painted.name !== "grid:painted") throw new Error("unexpected marks in the trace");
    windows.push({ busy: sum(start.ts, end.ts), after: sum(end.ts, painted.ts) });
  }
  return windows;
}

async function startTrace(browser: Browser, page: Page) {
  await browser.startTracing(page, {
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8.execute", "toplevel"],
  });
}

test("grid interactions at 100,000 participants: timed from click to rows shown", async ({ page, browser }) => {
  const grid = new ParticipantsPage(page);
  await grid.gotoSignedIn(DEMO_EVENT_FR.slug, DEMO_ORGANIZER.email, DEMO_ORGANIZER.password);
  const total = await grid.total();
  expect(total).toBeGreaterThanOrEqual(COUNT);

  const figures: Record<string, Timing[]> = {};
  const order: string[] = [];
  const measure = async (name: string, interaction: () => Promise<void>) => {
    const timing = await timed(page, interaction);
    (figures[name] ??= []).push(timing);
    order.push(name);
  };
  if (TRACE) await startTrace(browser, page);

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

  const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const summary = Object.entries(figures).map(([name, timings]) => {
    const values = timings.map((timing) => timing.ms);
    const median = medianOf(values);
    const goal = name.includes("debounce") ? GOAL_MS + 250 : GOAL_MS;
    const painted = medianOf(timings.map((timing) => timing.paintedMs));
    return { interaction: name, ms: values.join(" / "), median, goal, met: median < goal, "painted (median)": painted };
  });
  if (TRACE) {
    const windows = breakdown(JSON.parse((await browser.stopTracing()).toString("utf8")).traceEvents as TraceEvent[]);
    expect(windows.length, "one traced window per interaction").toBe(order.length);
    const byName: Record<string, (typeof windows)[number][]> = {};
    windows.forEach((window, index) => (byName[order[index]] ??= []).push(window));
    const kinds = ["script", "style", "layout", "paint", "gc", "other", "wall"];
    const row = (list: (typeof windows)[number][], part: "busy" | "after") =>
      kinds.map((kind) => `${kind} ${Math.round(medianOf(list.map((window) => window[part][kind] ?? 0)))}`).join(", ");
    console.log("Renderer main thread CPU, median ms per interaction, and the wall time (click → rows in the DOM | → next frame):");
    console.table(
      Object.entries(byName).map(([interaction, list]) => ({
        interaction,
        "click → rows": row(list, "busy"),
        "rows → frame": row(list, "after"),
      })),
    );
  }
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
