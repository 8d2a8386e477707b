import { checkPlaceholders } from "./placeholders";
import type { ResourceTree } from "./catalog";

// Keys are written into plain objects: these would reach the prototype instead.
const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

/**
 * The event's texts in one locale: `defaults` (a namespace's nested resource) with each override (dotted key → text)
 * put in place. `defaults` is not modified. An override whose key runs into an existing text (`a.b` when `a` is a
 * text) is ignored, and so is one that breaks the default's placeholders (rows written around the translation tool's
 * checks): the default shows instead of a broken text.
 */
export function mergeOverrides(defaults: ResourceTree, overrides: Readonly<Record<string, string>>): ResourceTree {
  const result = structuredClone(defaults);
  for (const [key, value] of Object.entries(overrides)) {
    const path = key.split(".");
    if (path.some((part) => part === "" || FORBIDDEN.has(part))) continue;
    let node: ResourceTree | null = result;
    for (const part of path.slice(0, -1)) {
      let child: string | ResourceTree | undefined = Object.hasOwn(node, part) ? node[part] : undefined;
      if (child === undefined) {
        child = {};
        node[part] = child;
      }
      if (typeof child === "string") {
        node = null;
        break;
      }
      node = child;
    }
    if (!node) continue;
    const leaf = path[path.length - 1] ?? "";
    const existing = Object.hasOwn(node, leaf) ? node[leaf] : undefined;
    if (existing !== undefined && typeof existing !== "string") continue;
    if (typeof existing === "string" && checkPlaceholders(value, existing)) continue;
    node[leaf] = value;
  }
  return result;
}
