// `npm run test:reliability [-- --large] [vitest options]`: the reliability suite alone, one file at a time (so the
// figures of one test are not skewed by another). Small sizes by default (as in `npm test`, which runs these files in
// its Vitest step); `--large` or RELIABILITY_SIZE=large for the sizes of docs/reliability.md.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
const large = process.argv.includes("--large") || process.env.RELIABILITY_SIZE === "large";
const rest = process.argv.slice(2).filter((arg) => arg !== "--large");
const run = spawnSync(join(root, "node_modules", ".bin", "vitest"), ["run", "tests/reliability", "--fileParallelism=false", ...rest], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, RELIABILITY_SIZE: large ? "large" : "small" },
});
process.exit(run.status ?? 1);
