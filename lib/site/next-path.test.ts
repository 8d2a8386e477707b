import { describe, expect, it } from "vitest";
import { siteNextPath } from "./next-path";

describe("siteNextPath", () => {
  it("keeps paths of the same event site", () => {
    expect(siteNextPath("demo", "/e/demo/messages/12")).toBe("/e/demo/messages/12");
    expect(siteNextPath("demo", "/e/demo")).toBe("/e/demo");
    expect(siteNextPath("demo", "/e/demo?x=1")).toBe("/e/demo?x=1");
  });

  it("falls back to the site's home for anything else", () => {
    for (const bad of [undefined, 42, "", "/admin", "/e/demo-2/messages", "https://evil.test/e/demo", "//evil.test", "/e/demo/../../admin", "/e/demo/\\evil", "/e/demo//evil.test"]) {
      expect(siteNextPath("demo", bad)).toBe("/e/demo");
    }
  });
});
