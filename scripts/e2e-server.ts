// Playwright's web server: a throw-away stack (fresh database in a temporary folder), the seeded demo, and the app on
// port 3100 — `next start` on the last build (built first if missing), or `next dev` with E2E_NEXT_MODE=dev.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mergeOverrides, ONE_TEST_MACHINE } from "../supabase/local/auth/settings.ts";
import { LOCAL_DIR, PROJECT_ROOT } from "../supabase/local/project.ts";
import { freePort } from "../supabase/local/testing.ts";
import { startEnvironment, stopOnSignals } from "./environment.ts";

export const E2E_INFO_FILE = join(LOCAL_DIR, "e2e.json");
const nextMode = process.env.E2E_NEXT_MODE === "dev" ? "dev" : "start";
const appPort = Number(process.env.E2E_PORT ?? 3100);

if (nextMode === "start" && !existsSync(join(PROJECT_ROOT, ".next", "BUILD_ID"))) {
  execFileSync(process.execPath, [join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
  });
}

const stateDir = mkdtempSync(join(tmpdir(), "e2e-stack-"));
try {
  const environment = await startEnvironment({
    stateDir,
    dbPort: await freePort(),
    apiPort: await freePort(),
    appPort,
    nextMode,
    readyPath: "/admin/sign-in",
    settings: { fsync: "off", synchronous_commit: "off" },
    // config.toml's auth settings, but the app server signs every test user in from 127.0.0.1 (per-IP budgets for one
    // machine), and consecutive specs mail the same demo users seconds apart (no max_frequency). Both limits are
    // covered by tests/conformance/auth-rate-limits.test.ts.
    auth: mergeOverrides(ONE_TEST_MACHINE, { maxFrequencySeconds: 0 }),
  });
  mkdirSync(LOCAL_DIR, { recursive: true });
  writeFileSync(
    E2E_INFO_FILE,
    JSON.stringify({
      supabaseUrl: environment.project.stack.url,
      publishableKey: environment.project.secrets.publishableKey,
      appUrl: environment.appUrl,
      // For specs that plant data around the app's own checks or read the database directly (e2e/support/admin.ts,
      // e2e/security-actions.spec.ts); this throw-away stack only.
      secretKey: environment.project.secrets.secretKey,
      postgresUrl: environment.project.postgresUrl,
    }),
  );
  process.on("exit", () => rmSync(stateDir, { recursive: true, force: true }));
  stopOnSignals(environment);
  console.log(`e2e environment ready: app ${environment.appUrl}, stack ${environment.project.stack.url}`);
} catch (error) {
  rmSync(stateDir, { recursive: true, force: true });
  console.error(`e2e server failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
