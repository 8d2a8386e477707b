import { describe, expect, it } from "vitest";
import { REFRESH_BEFORE_EXPIRY_MS, tokenExpiry, tokenRefreshDelay } from "./site-client";

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

describe("tokenExpiry", () => {
  it("reads a JWT's exp claim (base64url payload)", () => {
    expect(tokenExpiry(jwt({ sub: "ü?>", exp: 1_800_000_000 }))).toBe(1_800_000_000);
  });

  it("is null without an exp or for something that is not a JWT", () => {
    expect(tokenExpiry(jwt({ sub: "x" }))).toBeNull();
    expect(tokenExpiry(jwt({ exp: "soon" }))).toBeNull();
    expect(tokenExpiry("not-a-token")).toBeNull();
    expect(tokenExpiry("a.!!!.c")).toBeNull();
  });
});

describe("tokenRefreshDelay", () => {
  const exp = 1_800_000_000;
  it("asks for the next token a minute before expiry, inside the proxy's 90 s refresh margin", () => {
    expect(REFRESH_BEFORE_EXPIRY_MS).toBeLessThan(90_000);
    expect(tokenRefreshDelay(jwt({ exp }), exp * 1000 - 3_600_000)).toBe(3_600_000 - REFRESH_BEFORE_EXPIRY_MS);
  });

  it("asks at once when that moment has passed (a phone back from sleep), and never for a token without expiry", () => {
    expect(tokenRefreshDelay(jwt({ exp }), exp * 1000 - 30_000)).toBe(0);
    expect(tokenRefreshDelay(jwt({ exp }), exp * 1000 + 600_000)).toBe(0);
    expect(tokenRefreshDelay(jwt({ sub: "x" }))).toBeNull();
  });
});
