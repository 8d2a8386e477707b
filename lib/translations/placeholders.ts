// The interpolation rule an override must follow: i18next fills `{{name}}` placeholders, so an override may only use
// the placeholders its default has, must keep each of them, and may not leave a stray `{{` or `}}`.

const TOKEN = /{{\s*(\w+)\s*}}/g;

/** The placeholder names of a text, once each, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(TOKEN)].map((match) => match[1] ?? ""))];
}

export type PlaceholderProblem =
  | { code: "malformed" }
  | { code: "unknown"; placeholder: string }
  | { code: "missing"; placeholder: string };

/** Why `value` cannot replace `defaultText`, or null when it can. */
export function checkPlaceholders(value: string, defaultText: string): PlaceholderProblem | null {
  // What is left once every well-formed token is removed must hold no brace pair.
  const rest = value.replace(TOKEN, "");
  if (rest.includes("{{") || rest.includes("}}")) return { code: "malformed" };
  const allowed = placeholdersOf(defaultText);
  const used = placeholdersOf(value);
  const unknown = used.find((name) => !allowed.includes(name));
  if (unknown !== undefined) return { code: "unknown", placeholder: unknown };
  const missing = allowed.find((name) => !used.includes(name));
  if (missing !== undefined) return { code: "missing", placeholder: missing };
  return null;
}
