import { describe, expect, it } from "vitest";
import { headerMenuHref, headerMenuLabel, headerMenuSchema, parseHeaderMenu, siteSettingsSchema } from "./header-menu";

const item = (target: string, label = { en: "Program", fr: "Programme" }, id = "a1") => ({ id, label, target });

describe("header menu schema", () => {
  it("accepts site paths and https URLs, normalizing the slashes of a path", () => {
    const parsed = headerMenuSchema.parse([item("/messages/"), item("program/day-1", undefined, "b2"), item("https://example.com/venue?x=1", undefined, "c3"), item("", undefined, "d4")]);
    expect(parsed.map((entry) => entry.target)).toEqual(["messages", "program/day-1", "https://example.com/venue?x=1", ""]);
    // A protocol-relative address stays on the event site.
    const [sneaky] = headerMenuSchema.parse([item("//evil.example")]);
    expect(sneaky && headerMenuHref(sneaky, "demo")).toBe("/e/demo/evil.example");
  });

  it("refuses other targets, a missing label, duplicate ids and too many items", () => {
    for (const target of ["http://example.com", "javascript:alert(1)", "../admin", "a b", "https://user:pw@example.com", "mailto:x@example.com"]) {
      const result = headerMenuSchema.safeParse([item(target)]);
      expect(result.success, target).toBe(false);
      expect(result.error?.issues[0]?.message, target).toBe("errors.targetInvalid");
    }
    expect(headerMenuSchema.safeParse([item("messages", { en: " ", fr: "" })]).error?.issues[0]).toMatchObject({
      message: "errors.labelRequired",
      path: [0, "label"],
    });
    expect(headerMenuSchema.safeParse([item("messages", { en: "x".repeat(41), fr: "" })]).error?.issues[0]?.message).toBe("errors.labelTooLong");
    expect(headerMenuSchema.safeParse([item("a"), item("b")]).success).toBe(false);
    expect(headerMenuSchema.safeParse(Array.from({ length: 13 }, (_, i) => item("a", undefined, `i${i}`))).error?.issues[0]?.message).toBe(
      "errors.tooManyItems",
    );
    expect(siteSettingsSchema.safeParse({ headerMenu: [], allowContactOrganizer: "yes" }).success).toBe(false);
  });

  it("resolves labels with a fallback locale, and hrefs", () => {
    const [venue] = headerMenuSchema.parse([item("https://maps.example.com", { en: "Venue", fr: "" })]);
    const [messages] = headerMenuSchema.parse([item("messages")]);
    if (!venue || !messages) throw new Error("parse failed");
    expect(headerMenuLabel(venue, "fr")).toBe("Venue");
    expect(headerMenuLabel(messages, "fr")).toBe("Programme");
    expect(headerMenuHref(venue, "demo")).toBe("https://maps.example.com");
    expect(headerMenuHref(messages, "demo")).toBe("/e/demo/messages");
  });

  it("reads a stored menu, leaving out items that do not parse", () => {
    expect(parseHeaderMenu([item("messages"), { id: "x" }, "junk"]).map((entry) => entry.id)).toEqual(["a1"]);
    expect(parseHeaderMenu({ not: "an array" })).toEqual([]);
  });
});
