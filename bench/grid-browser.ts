// The participants grid at 100,000 participants, timed in the browser (click → rows shown): runs the Playwright
// benchmark spec e2e/participants-perf.spec.ts against a production build (`next build` first when missing).
// With E2E_GRID_TRACE=1 it runs under a Chromium trace and also prints the renderer main thread's CPU time per kind of
// work (script, style, layout, paint) for each interaction: a figure that a loaded machine distorts less than wall time.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const run = spawnSync(join(root, "node_modules", ".bin", "playwright"), ["test", "e2e/participants-perf.spec.ts", "--reporter=list"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, E2E_BENCH: "1" },
});
process.exit(run.status ?? 1);
