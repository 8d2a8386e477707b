// `npm run bench [-- name ...]`: runs the named benchmarks (all when none is named), one process each. Each benchmark
// prints its figures; results with date and machine are recorded in docs/benchmarks.md.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const BENCHMARKS: Record<string, string> = {
  db: "db.ts",
  realtime: "realtime.ts",
  grid: "grid-browser.ts",
};

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; available: ${Object.keys(BENCHMARKS).join(", ")}`);
  process.exit(2);
}
let failed = false;
for (const name of requested.length > 0 ? requested : Object.keys(BENCHMARKS)) {
  console.log(`\n▶ bench ${name}`);
  const run = spawnSync(process.execPath, [join(import.meta.dirname, BENCHMARKS[name])], { stdio: "inherit" });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
