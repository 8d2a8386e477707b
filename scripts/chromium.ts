// The Chromium the end-to-end tests drive (Debian's package: Playwright's own browser downloads are not used).
// playwright.config.ts launches it and `npm test` checks it first; CHROMIUM_PATH points elsewhere (a test uses it).
import { accessSync, constants } from "node:fs";

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

export const chromiumPath = (env: Record<string, string | undefined> = process.env): string => env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;

/** The one line to print when the browser is missing, or null when it is there and executable. */
export function missingChromium(path: string = chromiumPath()): string | null {
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return `npm test needs Chromium at ${path} for the end-to-end tests: install it with \`apt-get install chromium\` (or set CHROMIUM_PATH to a Chromium executable).`;
  }
}
