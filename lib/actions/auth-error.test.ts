import { AuthApiError, AuthRetryableFetchError } from "@supabase/supabase-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { authErrorKey } from "./auth-error";

afterEach(() => vi.restoreAllMocks());

describe("authErrorKey", () => {
  it("maps the auth server's codes to messages users can act on", () => {
    expect(authErrorKey(new AuthApiError("Invalid login credentials", 400, "invalid_credentials"))).toBe("errors.invalidCredentials");
    expect(authErrorKey(new AuthApiError("Signups not allowed for otp", 422, "otp_disabled"))).toBe("errors.unknownEmail");
    expect(authErrorKey(new AuthApiError("Token has expired or is invalid", 403, "otp_expired"))).toBe("errors.linkInvalid");
  });

  it("reports outages and unknown errors (and logs them)", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(authErrorKey(new AuthRetryableFetchError("fetch failed", 0))).toBe("errors.unavailable");
    expect(authErrorKey(new AuthApiError("boom", 418, "teapot"))).toBe("errors.unexpected");
    expect(log).toHaveBeenCalledTimes(2);
  });
});
