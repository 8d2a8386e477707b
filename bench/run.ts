// `npm run bench [-- name ...]`: runs the named benchmarks (all when none is named), one process each, then rewrites
// the generated section at the top of docs/benchmarks.md (between `<!-- bench:begin -->` and `<!-- bench:end -->`):
// the runs (date, machine, load average before → after) and one table of figures with the goals. Each bench
// hands its rows over through BENCH_RESULT_FILE (bench/results.ts); a row keeps the date of the run that produced it,
// so running a subset (`npm run bench -- db`, or BENCH_NAIVE=0) replaces only the rows that run produced.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { ensureFreshBuild } from "./build.ts";
import { merge, readStored, render, withSection, type Run, type Stored } from "./report.ts";
import type { BenchRow } from "./results.ts";

interface Benchmark {
  script: string;
  args?: string[];
  /** What it measures, listed in the generated section. */
  about: string;
  /** Measures the production build (built first when stale). */
  build?: boolean;
}

/** In the order of the table. */
const BENCHMARKS: Record<string, Benchmark> = {
  db: { script: "db.ts", about: "SEND NOW and the naive way, grid queries, RLS overhead (REST, throw-away cluster)" },
  realtime: { script: "realtime.ts", about: "commit → client latency and fan-out on private channels" },
  grid: { script: "grid-browser.ts", build: true, about: "grid at 100,000 in Chromium, click → rows shown" },
  e2e: { script: "e2e.ts", args: ["latency"], build: true, about: "messaging between two real browsers on the production build" },
  "first-load": { script: "e2e.ts", args: ["first-load"], build: true, about: "first-load JS of pages in Chromium on the production build" },
  "cold-start": { script: "cold-start.ts", about: "`npm run dev` from spawn to ready, fresh clone and warm" },
};

const DOC = join(import.meta.dirname, "..", "docs", "benchmarks.md");

function machine(): string {
  const model = cpus()[0]?.model.trim().replace(/\s+/g, " ") ?? "unknown CPU";
  return `${model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
}

function writeDoc(stored: Stored): void {
  const section = render(stored, Object.entries(BENCHMARKS).map(([name, bench]) => [name, bench.about]));
  writeFileSync(DOC, withSection(readFileSync(DOC, "utf8"), section));
}

// `--render`: rewrites the section from the figures it holds, running nothing (after a change of this file's layout).
if (process.argv.includes("--render")) {
  writeDoc(readStored(readFileSync(DOC, "utf8")));
  process.exit(0);
}
const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; available: ${Object.keys(BENCHMARKS).join(", ")}`);
  process.exit(2);
}
const options = Object.entries(process.env)
  .filter(([key]) => key.startsWith("BENCH_") && key !== "BENCH_RESULT_FILE")
  .map(([key, value]) => `${key}=${value}`)
  .join(" ");
const resultsDir = mkdtempSync(join(tmpdir(), "bench-results-"));
let failed = false;
try {
  for (const name of requested.length > 0 ? requested : Object.keys(BENCHMARKS)) {
    const bench = BENCHMARKS[name];
    console.log(`\n▶ bench ${name}`);
    // Built before the clock starts (and before the load average is read).
    if (bench.build) ensureFreshBuild();
    const resultFile = join(resultsDir, `${name}.jsonl`);
    const date = new Date().toISOString();
    const loadBefore = loadavg();
    const started = performance.now();
    const run = spawnSync(process.execPath, [join(import.meta.dirname, bench.script), ...(bench.args ?? [])], {
      stdio: "inherit",
      env: { ...process.env, BENCH_RESULT_FILE: resultFile },
    });
    const exitCode = run.status ?? 1;
    if (exitCode !== 0) failed = true;
    const rows = existsSync(resultFile)
      ? readFileSync(resultFile, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as BenchRow)
      : [];
    if (rows.length === 0) {
      console.error(`bench ${name} gave no figures (exit code ${exitCode}); its rows in docs/benchmarks.md are unchanged`);
      continue;
    }
    const result: Run = {
      bench: name, date, machine: machine(), loadBefore, loadAfter: loadavg(),
      seconds: (performance.now() - started) / 1000, exitCode, options,
    };
    // Written after each bench, so a later failure keeps what was measured.
    writeDoc(merge(readStored(readFileSync(DOC, "utf8")), result, rows, Object.keys(BENCHMARKS)));
    console.log(`bench ${name}: ${rows.length} rows written to docs/benchmarks.md`);
  }
} finally {
  rmSync(resultsDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
