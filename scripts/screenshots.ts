// `npm run screenshots`: regenerates the README's screenshots (docs/screenshots/*.png, 1280×800) from the seeded demo.
// Playwright starts the same throw-away stack and app as the end-to-end tests (scripts/e2e-server.ts: the last build,
// built first if missing, or `next dev` with E2E_NEXT_MODE=dev); the shots are e2e/screenshots/*.shot.ts.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const out = join(root, "docs", "screenshots");
const run = spawnSync(
  join(root, "node_modules", ".bin", "playwright"),
  ["test", "--config", join(root, "playwright.screenshots.config.ts"), ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit" },
);
if (run.status !== 0) process.exit(run.status ?? 1);
for (const file of readdirSync(out).filter((name) => name.endsWith(".png")).sort()) {
  console.log(`${join("docs", "screenshots", file)}  ${Math.round(statSync(join(out, file)).size / 1024)} KB`);
}
