import { describe, expect, it } from "vitest";
import { resources } from "./resources";
import { locales, namespaces } from "./settings";

function leaves(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, text] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(path, text);
    }
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe("translation resources", () => {
  for (const locale of locales) {
    for (const ns of namespaces) {
      it(`${locale}/${ns} has exactly the English keys, non-empty, with the same placeholders`, () => {
        const reference = leaves(resources.en[ns]);
        const translated = leaves(resources[locale][ns]);
        expect([...translated.keys()].sort()).toEqual([...reference.keys()].sort());
        for (const [key, text] of translated) {
          expect(text.trim(), `${locale}/${ns}:${key}`).not.toBe("");
          expect(placeholders(text), `${locale}/${ns}:${key}`).toEqual(placeholders(reference.get(key) ?? ""));
        }
      });
    }
  }
});
