// The event site's browser translation: a key lookup with {{value}} interpolation and plural suffixes, over the texts
// its layout sends (the site namespace with the event's overrides). The event site ships this instead of i18next and
// react-i18next (about 17 kB compressed); the server and the back-office keep i18next, and resources.test.ts keeps
// every text within what both understand.
import { isolateBidi } from "./bidi";
import type { DefaultResources } from "./resources";
import type { Locale, Namespace } from "./settings";

export type TextTree = { [key: string]: string | TextTree };
export type TextValues = Record<string, string | number>;

type PluralSuffix = "zero" | "one" | "two" | "few" | "many" | "other";
type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** The keys of a namespace, as `t` takes them (`header.unread`; a plural key without its `_one`/`_other`). */
export type TextKey<N extends Namespace> = WithoutPlural<Leaves<DefaultResources[N]>>;

function lookup(tree: TextTree, key: string): string | undefined {
  let node: string | TextTree | undefined = tree;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

/**
 * The text of `key` in `tree`, as i18next renders it here: `{{name}}` replaced by the value (bidi-isolated, see
 * isolateBidi; React escapes the result), `key_<plural category>` chosen by `count`; the key itself when missing.
 */
export function translate(tree: TextTree, locale: Locale, key: string, values: TextValues = {}): string {
  let text: string | undefined;
  if (typeof values.count === "number") {
    const category = new Intl.PluralRules(locale).select(values.count);
    text = (values.count === 0 ? lookup(tree, `${key}_zero`) : undefined) ?? lookup(tree, `${key}_${category}`) ?? lookup(tree, `${key}_other`);
  }
  text ??= lookup(tree, key);
  if (text === undefined) return key;
  return text.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? isolateBidi(String(values[name])) : placeholder,
  );
}
