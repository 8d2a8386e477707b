import type translations from "@/lib/i18n/resources/en/translations.json";
import { checkPlaceholders, placeholdersOf } from "./placeholders";

/** An i18n key (translations namespace) of the tool's errors. */
export type TranslationErrorKey = `errors.${keyof (typeof translations)["errors"]}`;

/** A refusal with what its message interpolates (`This text must keep {{placeholder}}`). */
export interface TranslationError {
  error: TranslationErrorKey;
  params?: { placeholder?: string; example?: string };
}

/** As the database checks it (char_length, i.e. code points). */
export const OVERRIDE_MAX_LENGTH = 4000;

const braces = (name: string) => `{{${name}}}`;

/**
 * Why `value` cannot replace the default text `reference` (undefined: the key is not translatable), or null when it
 * can. Pure, so the editor checks as the server action does.
 */
export function overrideProblemFor(reference: string | undefined, value: string): TranslationError | null {
  if (reference === undefined) return { error: "errors.unknownKey" };
  const text = value.trim();
  if (text === "") return { error: "errors.empty" };
  if ([...text].length > OVERRIDE_MAX_LENGTH) return { error: "errors.tooLong" };
  const problem = checkPlaceholders(text, reference);
  if (!problem) return null;
  if (problem.code === "malformed") return { error: "errors.malformed", params: { example: braces(placeholdersOf(reference)[0] ?? "eventName") } };
  return {
    error: problem.code === "missing" ? "errors.missingPlaceholder" : "errors.unknownPlaceholder",
    params: { placeholder: braces(problem.placeholder) },
  };
}

