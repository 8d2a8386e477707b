import { describe, expect, it } from "vitest";
import { applyOverrides } from "./overrides";

const texts = { a: { b: "Organizer - {{eventName}}", c: "Keep" }, top: "Top" };

describe("applyOverrides", () => {
  it("replaces texts at their dotted key, leaving the rest and the original untouched", () => {
    const result = applyOverrides(texts, new Map([["a.b", "Team {{eventName}}"], ["top", "Haut"]]));
    expect(result).toEqual({ a: { b: "Team {{eventName}}", c: "Keep" }, top: "Haut" });
    expect(texts.a.b).toBe("Organizer - {{eventName}}");
  });

  it("ignores keys that are not texts of the namespace (unknown, objects, prototype)", () => {
    const result = applyOverrides(texts, new Map([["a", "x"], ["a.b.c", "x"], ["nope.b", "x"], ["__proto__.polluted", "x"], ["constructor", "x"]]));
    expect(result).toEqual(texts);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("returns the same object without overrides", () => {
    expect(applyOverrides(texts, new Map())).toBe(texts);
  });
});
