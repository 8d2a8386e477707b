import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// `npm run screenshots`: the README's screenshots of the main screens, taken from the seeded demo on the same throw-away
// stack as the end-to-end tests. Its files (e2e/screenshots/*.shot.ts) are not specs: `npm test` does not run them.
export default defineConfig({
  ...base,
  testDir: "e2e/screenshots",
  testMatch: "**/*.shot.ts",
  testIgnore: [],
  outputDir: "test-results/screenshots-run",
  reporter: [["list"]],
  timeout: 180_000,
  expect: { timeout: 30_000 },
  use: {
    ...base.use,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    colorScheme: "light",
    timezoneId: "Europe/Paris",
  },
  // Viewport and scale come from `use` above (the base project's device would override them).
  projects: [{ name: "chromium" }],
});
