/**
 * An event's translation overrides applied to a namespace's texts: each override replaces the text at its dotted key
 * path when that path is a text of the namespace (other keys are ignored, so an override never reshapes the resources).
 * Returns a new object; the bundled resources are never mutated.
 */
export function applyOverrides<T extends Record<string, unknown>>(texts: T, overrides: ReadonlyMap<string, string>): T {
  if (overrides.size === 0) return texts;
  const copy = structuredClone(texts);
  for (const [key, value] of overrides) {
    const path = key.split(".");
    const last = path.pop();
    if (!last) continue;
    let node: unknown = copy;
    for (const part of path) {
      node = isRecord(node) && Object.hasOwn(node, part) ? node[part] : undefined;
    }
    if (isRecord(node) && Object.hasOwn(node, last) && typeof node[last] === "string") node[last] = value;
  }
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
