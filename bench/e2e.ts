// Browser benchmarks on the production build: `node bench/e2e.ts latency` (npm run bench -- e2e) times the messaging
// loop between an organizer and a participant in two real browsers (bench/browser/messaging.bench.ts, BENCH_REPS
// repetitions, default 20); `node bench/e2e.ts first-load` (npm run bench -- first-load) sums the JavaScript a first
// visit loads (bench/browser/first-load.bench.ts). Both run through Playwright with the e2e server (throw-away stack,
// seeded demo, `next start` on E2E_PORT, default 3100). The app is built first when the build is missing or older than
// the sources.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ensureFreshBuild } from "./build.ts";

const root = join(import.meta.dirname, "..");
const SPECS: Record<string, string> = { latency: "messaging.bench.ts", "first-load": "first-load.bench.ts" };
const which = process.argv[2] ?? "latency";
if (!(which in SPECS)) {
  console.error(`usage: node bench/e2e.ts ${Object.keys(SPECS).join("|")}`);
  process.exit(2);
}
ensureFreshBuild();

const env: NodeJS.ProcessEnv = { ...process.env, E2E_BENCH: "1" };
delete env.E2E_NEXT_MODE; // always the production build
const run = spawnSync(
  join(root, "node_modules", ".bin", "playwright"),
  ["test", "--config", join(import.meta.dirname, "browser", "playwright.config.ts"), SPECS[which]],
  { cwd: root, stdio: "inherit", env },
);
process.exit(run.status ?? 1);
