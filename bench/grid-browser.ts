// The participants grid at 100,000 participants, timed in the browser (click → rows shown): runs the Playwright
// benchmark spec e2e/participants-perf.spec.ts against a production build (`next build` first when missing).
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const run = spawnSync(join(root, "node_modules", ".bin", "playwright"), ["test", "e2e/participants-perf.spec.ts", "--reporter=list"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, E2E_BENCH: "1" },
});
process.exit(run.status ?? 1);
