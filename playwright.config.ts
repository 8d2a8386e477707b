import { defineConfig, devices } from "@playwright/test";
import { chromiumPath } from "./scripts/chromium.ts";

// E2E_PORT lets several checkouts run their end-to-end tests side by side.
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

export default defineConfig({
  testDir: "e2e",
  // Benchmarks written as specs (*-perf.spec.ts) run only through `npm run bench -- grid` (E2E_BENCH=1).
  testIgnore: process.env.E2E_BENCH === "1" ? [] : ["**/*-perf.spec.ts"],
  outputDir: "test-results/playwright",
  // One app and one throw-away stack on a 2-core machine: run specs one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL,
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node scripts/e2e-server.ts",
    url: `${baseURL}/admin/sign-in`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
