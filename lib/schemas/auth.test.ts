import { describe, expect, it } from "vitest";
import { nextPathSchema, passwordSignInSchema, signInLinkSchema } from "./auth";

describe("nextPathSchema", () => {
  it("keeps paths of this app", () => {
    expect(nextPathSchema.parse("/admin/events?tab=1")).toBe("/admin/events?tab=1");
  });

  it("refuses anything that could leave the app", () => {
    for (const value of ["https://evil.example/", "//evil.example", "/\\evil.example", "evil", "/admin\n", undefined, "", "/.//evil.example", "/admin/../..//evil.example"]) {
      expect(nextPathSchema.parse(value)).toBe("/admin");
    }
  });
});

describe("sign-in schemas", () => {
  it("normalises the email and reports i18n keys", () => {
    expect(signInLinkSchema.parse({ email: "  Organizer@Example.COM " }).email).toBe("organizer@example.com");
    const bad = passwordSignInSchema.safeParse({ email: "nope", password: "" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["email", "errors.invalidEmail"],
      ["password", "errors.passwordRequired"],
    ]);
  });
});
