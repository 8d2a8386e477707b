import { AuthApiError, AuthRetryableFetchError } from "@supabase/supabase-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createI18n } from "@/lib/i18n/instance";
import { resources } from "@/lib/i18n/resources";
import { authErrorKey, authFailure } from "./auth-error";
import { siteAuthFailure } from "./site-auth-errors";

afterEach(() => vi.restoreAllMocks());

// What Supabase Auth answers when it limits (GoTrue's codes and messages).
const EMAIL_FREQUENCY = new AuthApiError("For security purposes, you can only request this after 42 seconds.", 429, "over_email_send_rate_limit");
const EMAIL_RATE = new AuthApiError("Email rate limit exceeded", 429, "over_email_send_rate_limit");
const REQUEST_RATE = new AuthApiError("Request rate limit reached", 429, "over_request_rate_limit");
// A gateway in front of Auth (no code, status only).
const BARE_429 = new AuthApiError("Too Many Requests", 429, undefined);

describe("authErrorKey", () => {
  it("maps the auth server's codes to messages users can act on", () => {
    expect(authErrorKey(new AuthApiError("Invalid login credentials", 400, "invalid_credentials"))).toBe("errors.invalidCredentials");
    expect(authErrorKey(new AuthApiError("Token has expired or is invalid", 403, "otp_expired"))).toBe("errors.linkInvalid");
  });

  it("reports outages and unknown errors (and logs them)", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(authErrorKey(new AuthRetryableFetchError("fetch failed", 0))).toBe("errors.unavailable");
    expect(authErrorKey(new AuthApiError("boom", 418, "teapot"))).toBe("errors.unexpected");
    expect(log).toHaveBeenCalledTimes(2);
  });
});

describe("rate limits from Supabase Auth", () => {
  it("say how long to wait when Auth told, in the back-office", () => {
    expect(authFailure(EMAIL_FREQUENCY)).toEqual({ ok: false, error: "errors.rateLimitedFor", values: { seconds: 42 } });
    for (const error of [EMAIL_RATE, REQUEST_RATE, BARE_429]) expect(authFailure(error)).toEqual({ ok: false, error: "errors.rateLimited" });
    expect(authFailure(new AuthApiError("For security purposes, you can only request this after 1 second.", 429, "over_email_send_rate_limit"))).toEqual({
      ok: false,
      error: "errors.rateLimited",
    });
  });

  it("say the same on the event site (code send and code verify)", () => {
    expect(siteAuthFailure(EMAIL_FREQUENCY)).toEqual({ ok: false, error: "signIn.errors.rateLimitedFor", values: { seconds: 42 } });
    for (const error of [EMAIL_RATE, REQUEST_RATE, BARE_429]) expect(siteAuthFailure(error)).toEqual({ ok: false, error: "signIn.errors.rateLimited" });
  });

  it("read as clear sentences in English and French", () => {
    const messages = (locale: "en" | "fr") => {
      const i18n = createI18n(locale, { [locale]: resources[locale] });
      const office = authFailure(EMAIL_FREQUENCY);
      const site = siteAuthFailure(REQUEST_RATE);
      return [i18n.getFixedT(locale, "backoffice")(office.error, { ...office.values }), i18n.getFixedT(locale, "site")(site.error, { ...site.values })];
    };
    expect(messages("en")).toEqual(["Too many attempts. Wait 42 seconds and try again.", "Too many attempts. Wait a moment and try again."]);
    expect(messages("fr")).toEqual([
      "Trop de tentatives. Patientez 42 secondes puis réessayez.",
      "Trop de tentatives. Patientez un instant puis réessayez.",
    ]);
  });

  it("are not logged as unexpected errors", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    authFailure(REQUEST_RATE);
    siteAuthFailure(EMAIL_FREQUENCY);
    expect(log).not.toHaveBeenCalled();
  });
});
