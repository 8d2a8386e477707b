import { test as base, expect, type Page } from "@playwright/test";

interface BrowserErrors {
  /** Tolerates the errors a test provokes on purpose (e.g. the console line of a 404 document). */
  allow(pattern: RegExp): void;
}

/**
 * `test` that fails when a page throws or logs a console error (hydration mismatches, failed client code): these are
 * bugs even when the assertions pass.
 */
export const test = base.extend<{ browserErrors: BrowserErrors }>({
  browserErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const allowed: RegExp[] = [];
      const watch = (page: Page) => {
        page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
        page.on("console", (message) => {
          if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
        });
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use({ allow: (pattern) => void allowed.push(pattern) });
      expect(
        errors.filter((error) => !allowed.some((pattern) => pattern.test(error))),
        "errors in the browser",
      ).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
