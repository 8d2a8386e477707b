// `npm test`: every check in order — lint, typecheck, unit + database + conformance (Vitest), build, end-to-end
// (Playwright). Prints a summary and a closing "tests: N passed, N failed" line; exits 1 if anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { missingChromium } from "./chromium.ts";

// First, before minutes of lint and build: without the browser every end-to-end test would fail at the end.
const noChromium = missingChromium();
if (noChromium) {
  console.error(noChromium);
  process.exit(1);
}

const root = join(import.meta.dirname, "..");
const results = join(root, "test-results");
mkdirSync(results, { recursive: true });
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const VITEST_REPORT = join(results, "vitest.json");
const PLAYWRIGHT_REPORT = join(results, "playwright.json");

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  needs?: string;
}

const steps: Step[] = [
  { name: "lint", command: bin("eslint"), args: [".", "--max-warnings=0"] },
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  {
    name: "unit, database and conformance",
    command: bin("vitest"),
    args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_REPORT}`],
  },
  // Supabase's own lints (the CLI's `db advisors`) on a freshly migrated database: no WARN or ERROR.
  { name: "supabase advisors", command: process.execPath, args: [join(root, "scripts", "advisors.ts")] },
  { name: "build", command: bin("next"), args: ["build"] },
  {
    name: "end-to-end",
    command: bin("playwright"),
    args: ["test", "--reporter=list,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_REPORT },
    needs: "build",
  },
];

const vitestReport = z.object({ numPassedTests: z.number(), numFailedTests: z.number() });
const playwrightReport = z.object({ stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number() }) });

function countTests(): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  if (existsSync(VITEST_REPORT)) {
    const report = vitestReport.parse(JSON.parse(readFileSync(VITEST_REPORT, "utf8")));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (existsSync(PLAYWRIGHT_REPORT)) {
    const { stats } = playwrightReport.parse(JSON.parse(readFileSync(PLAYWRIGHT_REPORT, "utf8")));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
  }
  return { passed, failed };
}

const outcomes: { name: string; ok: boolean; seconds: number; skipped?: boolean }[] = [];
for (const step of steps) {
  if (step.needs && !outcomes.find((o) => o.name === step.needs)?.ok) {
    outcomes.push({ name: step.name, ok: false, seconds: 0, skipped: true });
    continue;
  }
  console.log(`\n▶ ${step.name}`);
  const started = performance.now();
  const run = spawnSync(step.command, step.args, { cwd: root, stdio: "inherit", env: { ...process.env, ...step.env } });
  outcomes.push({ name: step.name, ok: run.status === 0, seconds: (performance.now() - started) / 1000 });
}

console.log("\nSummary");
for (const outcome of outcomes) {
  const status = outcome.skipped ? "not run (needs a passing build)" : outcome.ok ? "ok" : "FAILED";
  console.log(`  ${outcome.name.padEnd(32)} ${status.padEnd(10)} ${outcome.seconds.toFixed(1)} s`);
}
const { passed, failed } = countTests();
const stepFailures = outcomes.filter((o) => !o.ok).length;
console.log(`tests: ${passed} passed, ${failed + (failed === 0 ? stepFailures : 0)} failed`);
process.exit(stepFailures === 0 ? 0 : 1);
