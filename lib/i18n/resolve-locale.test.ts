import { describe, expect, it } from "vitest";
import { parseAcceptLanguage, resolveLocale } from "./resolve-locale";

describe("resolveLocale", () => {
  it("prefers a supported locale cookie over Accept-Language", () => {
    expect(resolveLocale("fr", "en-US,en;q=0.9")).toBe("fr");
    expect(resolveLocale("en", "fr-FR")).toBe("en");
  });

  it("ignores an unsupported cookie and falls back to Accept-Language by quality", () => {
    expect(resolveLocale("de", "de-DE,fr;q=0.8,en;q=0.5")).toBe("fr");
    expect(resolveLocale(undefined, "en;q=0.4, fr-CA;q=0.9")).toBe("fr");
  });

  it("defaults to English", () => {
    expect(resolveLocale(undefined, null)).toBe("en");
    expect(resolveLocale(undefined, "de,es;q=0.9")).toBe("en");
    expect(resolveLocale(undefined, "fr;q=0")).toBe("en");
  });
});

describe("parseAcceptLanguage", () => {
  it("orders by quality, keeps header order on ties, drops q=0 and blanks", () => {
    expect(parseAcceptLanguage("da, en-GB;q=0.8, en;q=0.8, fr;q=0, ,*;q=0.1")).toEqual(["da", "en-gb", "en", "*"]);
  });
});
