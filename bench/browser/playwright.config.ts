import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

// The browser benchmarks of `npm run bench -- e2e first-load` (bench/e2e.ts): the project's Playwright set-up (Debian's
// Chromium, the e2e server with a throw-away stack, the seeded demo and the production build on E2E_PORT), with the
// *.bench.ts files of this folder as tests.
const root = join(import.meta.dirname, "..", "..");
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

export default defineConfig({
  ...base,
  testDir: import.meta.dirname,
  testMatch: "*.bench.ts",
  testIgnore: [],
  outputDir: join(root, "test-results", "playwright-bench"),
  reporter: [["list"]],
  timeout: 600_000,
  webServer: {
    command: "node scripts/e2e-server.ts",
    cwd: root,
    url: `${baseURL}/admin/sign-in`,
    reuseExistingServer: false,
    // The first run builds the app (`next build`) when the checkout has no build.
    timeout: 900_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
