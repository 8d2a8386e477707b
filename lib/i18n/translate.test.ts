import { describe, expect, it } from "vitest";
import { createI18n } from "./instance";
import { resources } from "./resources";
import { locales, type Namespace } from "./settings";
import { translate, type TextTree } from "./translate";

function leafKeys(tree: TextTree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, child]) => (typeof child === "string" ? [`${prefix}${key}`] : leafKeys(child, `${prefix}${key}.`)));
}

// What the browser's translate() is given: the namespaces the event site and the root error page ship.
const browserNamespaces: Namespace[] = ["site", "common"];
const values = { eventName: "Tech \u202ESummit", name: "<b>Zoë</b> & {{eventName}}", email: "a@example.com", count: 3, length: "1,234", max: "4,000" };

describe("translate (the event site's browser translation)", () => {
  for (const locale of locales) {
    for (const ns of browserNamespaces) {
      it(`renders every ${locale}/${ns} text exactly as i18next does`, () => {
        const t = createI18n(locale, resources).getFixedT(locale, ns);
        const tree = resources[locale][ns] as TextTree;
        for (const key of leafKeys(tree)) {
          expect(translate(tree, locale, key, values), key).toBe(t(key as never, values));
          expect(translate(tree, locale, key), key).toBe(t(key as never));
        }
      });
    }
  }

  it("picks plural forms by count as i18next does, and answers the key itself when it is missing", () => {
    const tree: TextTree = { unread: { count_zero: "none", count_one: "{{count}} message", count_other: "{{count}} messages" } };
    const i18n = createI18n("en", { en: { site: tree } });
    for (const count of [0, 1, 2, 21]) {
      expect(translate(tree, "en", "unread.count", { count })).toBe(i18n.getFixedT("en", "site")("unread.count" as never, { count }));
    }
    expect(translate(tree, "fr", "unread.count", { count: 1 })).toBe("1 message");
    expect(translate(tree, "en", "nothing.here")).toBe("nothing.here");
    expect(translate(tree, "en", "unread")).toBe("unread");
  });

  it("keeps a placeholder without a value, and never reads values from the prototype", () => {
    const tree: TextTree = { a: "Hi {{name}} {{constructor}}" };
    expect(translate(tree, "en", "a", {})).toBe("Hi {{name}} {{constructor}}");
  });
});
