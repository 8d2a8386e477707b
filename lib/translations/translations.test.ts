import { describe, expect, it } from "vitest";
import { resources } from "@/lib/i18n/resources";
import { buildCatalog, flatten, ORGANIZER_CONVERSATION_KEY, translationCatalog } from "./catalog";
import { mergeOverrides } from "./merge";
import { overrideProblem, saveOverrideSchema } from "./override";
import { checkPlaceholders, placeholdersOf } from "./placeholders";

describe("catalog", () => {
  it("offers every key of the site namespace with its defaults per locale, sorted", () => {
    const catalog = buildCatalog({
      en: { header: { title: "Welcome to {{eventName}}", menu: "Menu" }, footer: "Bye" },
      fr: { header: { title: "Bienvenue à {{eventName}}", menu: "Menu" }, footer: "Au revoir" },
    });
    expect(catalog.map((entry) => entry.key)).toEqual([ORGANIZER_CONVERSATION_KEY, "footer", "header.menu", "header.title"]);
    expect(catalog.find((entry) => entry.key === "header.title")?.defaults).toEqual({
      en: "Welcome to {{eventName}}",
      fr: "Bienvenue à {{eventName}}",
    });
  });

  it("has the organizer conversation name, from the site namespace once it defines it", () => {
    const fallback = buildCatalog({ en: {}, fr: {} });
    expect(fallback).toEqual([
      { key: ORGANIZER_CONVERSATION_KEY, defaults: { en: "Organizer - {{eventName}}", fr: "Organisateur - {{eventName}}" } },
    ]);
    const fromSite = buildCatalog({
      en: { companion: { trad: { discussionthreads: { participant: { organizer: "Team of {{eventName}}" } } } } },
      fr: { companion: { trad: { discussionthreads: { participant: { organizer: "Équipe de {{eventName}}" } } } } },
    });
    expect(fromSite).toEqual([{ key: ORGANIZER_CONVERSATION_KEY, defaults: { en: "Team of {{eventName}}", fr: "Équipe de {{eventName}}" } }]);
  });

  it("falls back to English for a key French lacks", () => {
    const catalog = buildCatalog({ en: { only: "English" }, fr: {} });
    expect(catalog.find((entry) => entry.key === "only")?.defaults.fr).toBe("English");
  });

  it("reads the bundled site namespace", () => {
    const keys = translationCatalog().map((entry) => entry.key);
    expect(keys).toContain(ORGANIZER_CONVERSATION_KEY);
    for (const key of flatten(resources.en.site).keys()) expect(keys).toContain(key);
  });
});

describe("placeholders", () => {
  it("lists names once, whitespace allowed", () => {
    expect(placeholdersOf("{{a}} and {{ b }} and {{a}}")).toEqual(["a", "b"]);
  });

  it("accepts a text with the default's placeholders, in any order or repeated", () => {
    expect(checkPlaceholders("{{eventName}} team", "Organizer - {{eventName}}")).toBeNull();
    expect(checkPlaceholders("{{b}} {{a}} {{a}}", "{{a}} {{b}}")).toBeNull();
    expect(checkPlaceholders("No placeholder", "No placeholder either")).toBeNull();
  });

  it("refuses a dropped, unknown or broken placeholder", () => {
    expect(checkPlaceholders("Organizer", "Organizer - {{eventName}}")).toEqual({ code: "missing", placeholder: "eventName" });
    expect(checkPlaceholders("{{eventName}} {{city}}", "{{eventName}}")).toEqual({ code: "unknown", placeholder: "city" });
    for (const broken of ["{{eventName}", "{{eventName", "eventName}}", "{{event Name}}", "{{eventName}} {{", "{{}}"]) {
      expect(checkPlaceholders(broken, "Organizer - {{eventName}}"), broken).toEqual({ code: "malformed" });
    }
  });
});

describe("overrideProblem and the save schema", () => {
  it("gives the translated error with the placeholder to keep", () => {
    expect(overrideProblem(ORGANIZER_CONVERSATION_KEY, "en", "Organizer")).toEqual({
      error: "errors.missingPlaceholder",
      params: { placeholder: "{{eventName}}" },
    });
    expect(overrideProblem(ORGANIZER_CONVERSATION_KEY, "fr", "Équipe {{eventName")).toEqual({
      error: "errors.malformed",
      params: { example: "{{eventName}}" },
    });
    expect(overrideProblem(ORGANIZER_CONVERSATION_KEY, "en", "   ")).toEqual({ error: "errors.empty" });
    expect(overrideProblem(ORGANIZER_CONVERSATION_KEY, "en", "x".repeat(4001))).toEqual({ error: "errors.tooLong" });
    expect(overrideProblem("no.such.key", "en", "Text")).toEqual({ error: "errors.unknownKey" });
    expect(overrideProblem(ORGANIZER_CONVERSATION_KEY, "en", "Your hosts at {{eventName}}")).toBeNull();
  });

  it("trims the text and reports the issue on the value", () => {
    const ok = saveOverrideSchema.safeParse({ eventSlug: "demo", locale: "fr", key: ORGANIZER_CONVERSATION_KEY, value: "  Équipe {{eventName}} \n" });
    expect(ok.success && ok.data.value).toBe("Équipe {{eventName}}");
    const refused = saveOverrideSchema.safeParse({ eventSlug: "demo", locale: "de", key: ORGANIZER_CONVERSATION_KEY, value: "x" });
    expect(refused.success).toBe(false);
    const broken = saveOverrideSchema.safeParse({ eventSlug: "demo", locale: "en", key: ORGANIZER_CONVERSATION_KEY, value: "Hosts" });
    expect(broken.error?.issues[0]).toMatchObject({ path: ["value"], message: "errors.missingPlaceholder", params: { placeholder: "{{eventName}}" } });
  });
});

describe("mergeOverrides", () => {
  const defaults = { header: { title: "Welcome to {{eventName}}", menu: "Menu" }, footer: "Bye" };

  it("puts overrides in place without touching the defaults", () => {
    const merged = mergeOverrides(defaults, { "header.title": "Hello {{eventName}}", footer: "Ciao" });
    expect(merged).toEqual({ header: { title: "Hello {{eventName}}", menu: "Menu" }, footer: "Ciao" });
    expect(defaults.header.title).toBe("Welcome to {{eventName}}");
  });

  it("adds a key the defaults lack (the conversation name before the site defines it)", () => {
    const merged = mergeOverrides({}, { [ORGANIZER_CONVERSATION_KEY]: "Hosts of {{eventName}}" });
    expect(merged).toEqual({ companion: { trad: { discussionthreads: { participant: { organizer: "Hosts of {{eventName}}" } } } } });
  });

  it("keeps the default when an override breaks its placeholders or its shape", () => {
    const merged = mergeOverrides(defaults, {
      "header.title": "Welcome", // drops {{eventName}}
      "footer.more": "x", // footer is a text
      header: "x", // header is a group
      "__proto__.polluted": "x",
      "a..b": "x",
    });
    expect(merged).toEqual(defaults);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("gives i18next a resource that interpolates", async () => {
    const { createInstance } = await import("i18next");
    const i18n = createInstance();
    await i18n.init({
      lng: "fr",
      resources: { fr: { site: mergeOverrides({}, { [ORGANIZER_CONVERSATION_KEY]: "Équipe de {{eventName}}" }) } },
      interpolation: { escapeValue: false },
    });
    const text: unknown = i18n.getResource("fr", "site", ORGANIZER_CONVERSATION_KEY);
    expect(text).toBe("Équipe de {{eventName}}");
    expect(i18n.services.interpolator.interpolate(String(text), { eventName: "Tech Summit 2026" }, "fr", {})).toBe("Équipe de Tech Summit 2026");
  });
});
