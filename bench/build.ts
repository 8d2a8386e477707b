// The browser benchmarks measure the production build: `next build` first when it is missing or older than the sources.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const SOURCES = ["app", "components", "lib", "proxy.ts", "next.config.mjs", "package-lock.json", "postcss.config.mjs"];

/** The newest modification time under the given paths (files and folders, recursively). */
function newest(paths: string[]): number {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
      }
    } else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

export function ensureFreshBuild(): void {
  const buildId = join(root, ".next", "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newest(SOURCES.map((path) => join(root, path)))) return;
  console.log("building the app (next build): the build is missing or older than the sources");
  execFileSync(process.execPath, [join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: root, stdio: "inherit" });
}
