import { describe, expect, it } from "vitest";
import { tokenExpiry } from "./site-client";

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
