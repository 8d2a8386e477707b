import { describe, expect, it } from "vitest";
import { createI18n, isolateBidi } from "./instance";
import { resources } from "./resources";

describe("interpolated values and text direction", () => {
  const t = createI18n("en", resources).getFixedT("en", "site");

  it("isolates a value holding bidi controls or right-to-left letters, so the sentence around it keeps its order", () => {
    expect(t("header.signedInAs", { name: "\u202Eevil" })).toBe("Signed in as \u2068\u202Eevil\u2069");
    expect(t("home.greeting", { name: "\u0639\u0645\u0631" })).toBe("Hello \u2068\u0639\u0645\u0631\u2069");
    expect(isolateBidi("a\u2067b")).toBe("\u2068a\u2067b\u2069");
  });

  it("leaves other values as they are: no markup escaping (React escapes), numbers and left-to-right text untouched", () => {
    expect(t("header.signedInAs", { name: "<img src=x onerror=alert(1)> & \"Zoë\" {{constructor}}" })).toBe(
      "Signed in as <img src=x onerror=alert(1)> & \"Zoë\" {{constructor}}",
    );
    expect(t("header.unread", { count: 3 })).toBe("Unread messages: 3");
  });
});
