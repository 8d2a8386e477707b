import { describe, expect, it } from "vitest";
import { isHttpsRequest, SESSION_COOKIE_MAX_AGE, sessionCookieOptions, withSessionLifetime } from "./cookie-options";

describe("session cookie options", () => {
  it("are Lax, readable by the browser client, Secure over HTTPS", () => {
    expect(sessionCookieOptions(true)).toEqual({ path: "/", sameSite: "lax", httpOnly: false, secure: true });
    expect(sessionCookieOptions(false).secure).toBe(false);
  });

  it("last a week instead of @supabase/ssr's 400 days, and removals stay removals", () => {
    expect(withSessionLifetime({ path: "/", maxAge: 400 * 24 * 60 * 60 }).maxAge).toBe(SESSION_COOKIE_MAX_AGE);
    expect(SESSION_COOKIE_MAX_AGE).toBe(604_800);
    expect(withSessionLifetime({ path: "/", maxAge: 0 }).maxAge).toBe(0);
  });

  it("see HTTPS directly or through a TLS-terminating proxy", () => {
    expect(isHttpsRequest("https://app.example/", new Headers())).toBe(true);
    expect(isHttpsRequest("http://10.0.0.1:3000/", new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttpsRequest("http://127.0.0.1:3000/", new Headers())).toBe(false);
    expect(isHttpsRequest("", new Headers({ "x-forwarded-proto": "http,https" }))).toBe(false);
  });
});
