import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chromiumPath, DEFAULT_CHROMIUM_PATH, missingChromium } from "./chromium";

const ROOT = join(import.meta.dirname, "..");
const scratch = mkdtempSync(join(tmpdir(), "chromium-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the Chromium check", () => {
  it("uses Debian's Chromium unless CHROMIUM_PATH says otherwise", () => {
    expect(chromiumPath({})).toBe(DEFAULT_CHROMIUM_PATH);
    expect(DEFAULT_CHROMIUM_PATH).toBe("/usr/bin/chromium");
    expect(chromiumPath({ CHROMIUM_PATH: "/opt/chromium/chrome" })).toBe("/opt/chromium/chrome");
  });

  it("accepts an executable file", () => {
    expect(missingChromium(process.execPath)).toBeNull();
  });

  it("names the path and the package for a missing or non-executable browser, in one line", () => {
    const notExecutable = join(scratch, "chromium");
    writeFileSync(notExecutable, "");
    chmodSync(notExecutable, 0o644);
    for (const path of [join(scratch, "absent"), notExecutable]) {
      const message = missingChromium(path);
      expect(message).toContain(path);
      expect(message).toContain("apt-get install chromium");
      expect(message).not.toContain("\n");
    }
  });
});

describe("npm test without Chromium", () => {
  it("stops at once with that one line, before any step", () => {
    const absent = join(scratch, "no-chromium-here");
    const started = performance.now();
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "test.ts")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHROMIUM_PATH: absent },
      timeout: 20_000,
    });
    const seconds = (performance.now() - started) / 1000;
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([missingChromium(absent)]);
    // Nothing else ran: no lint, build or Playwright (each would take seconds to minutes).
    expect(seconds).toBeLessThan(10);
  });
});
