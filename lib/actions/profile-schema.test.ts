import { describe, expect, it } from "vitest";
import { profileSchema } from "./profile-schema";

const errorOf = (displayName: unknown) => {
  const parsed = profileSchema.safeParse({ displayName, locale: "en" });
  return parsed.success ? null : parsed.error.issues[0]?.message;
};

describe("profileSchema", () => {
  it("accepts a trimmed name of 1–100 characters, accents and emoji included", () => {
    expect(profileSchema.parse({ displayName: "  Émilie 🎤 Durand ", locale: "fr" })).toEqual({ displayName: "Émilie 🎤 Durand", locale: "fr" });
    expect(errorOf("é".repeat(100))).toBeNull();
  });

  it.each([
    ["empty once trimmed", "   ", "profile.errors.displayNameRequired"],
    ["not a string", 42, "profile.errors.displayNameRequired"],
    ["101 characters", "é".repeat(101), "profile.errors.displayNameTooLong"],
    ["a NUL", "Alice\u0000Martin", "profile.errors.displayNameInvalid"],
    ["a line break", "Alice\nMartin", "profile.errors.displayNameInvalid"],
    ["a lone surrogate", "Alice \ud800", "profile.errors.displayNameInvalid"],
  ])("refuses %s with a translated key", (_case, displayName, key) => {
    expect(errorOf(displayName)).toBe(key);
  });
});
