import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAuthSettings, mergeOverrides, ONE_TEST_MACHINE, parseGoDuration, withOverrides } from "./settings.ts";

describe("config.toml's auth settings", () => {
  it("are the secure ones the project runs with: sign-up on, confirmations on, secure email change, throttled", () => {
    expect(loadAuthSettings()).toMatchObject({
      enableSignup: true,
      emailEnabled: true,
      enableConfirmations: true,
      doubleConfirmChanges: true,
      otpLength: 6,
      otpExpirySeconds: 3600,
      maxFrequencySeconds: 60,
      rateLimits: { emailSent: 1000, signInSignUps: 30, tokenVerifications: 30, tokenRefresh: 150 },
    });
  });

  it("take the Supabase CLI's defaults for keys left out", () => {
    const path = join(mkdtempSync(join(tmpdir(), "auth-settings-")), "config.toml");
    writeFileSync(path, 'project_id = "x"\n[auth]\nsite_url = "https://app.example"\n');
    expect(loadAuthSettings(path)).toMatchObject({
      siteUrl: "https://app.example",
      enableSignup: true,
      enableConfirmations: false,
      doubleConfirmChanges: true,
      maxFrequencySeconds: 1,
      rateLimits: { emailSent: 2, signInSignUps: 30, tokenVerifications: 30, tokenRefresh: 150 },
    });
  });

  it("parse Go durations and apply explicit overrides only", () => {
    expect(parseGoDuration("1m0s")).toBe(60);
    expect(parseGoDuration("1h30m")).toBe(5400);
    expect(parseGoDuration("60s")).toBe(60);
    expect(() => parseGoDuration("soon")).toThrow(/duration/);
    const test = withOverrides(loadAuthSettings(), mergeOverrides(ONE_TEST_MACHINE, { enableSignup: false }));
    expect(test).toMatchObject({ enableSignup: false, enableConfirmations: true, maxFrequencySeconds: 60 });
    expect(test.rateLimits.emailSent).toBe(1000);
    expect(test.rateLimits.tokenRefresh).toBeGreaterThan(100_000);
  });
});
