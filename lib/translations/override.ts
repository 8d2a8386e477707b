import { z } from "zod";
import type translations from "@/lib/i18n/resources/en/translations.json";
import { locales, type Locale } from "@/lib/i18n/settings";
import { defaultText } from "./catalog";
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

/** Why `value` cannot be the event's text for `key` in `locale`, or null when it can. Shared by the editor and the action. */
export function overrideProblem(key: string, locale: Locale, value: string): TranslationError | null {
  const reference = defaultText(key, locale);
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

const target = {
  eventSlug: z.string().min(1).max(64),
  locale: z.enum(locales),
  key: z.string().min(1).max(200),
};

/** Save an override: the text is trimmed, then must pass overrideProblem (placeholders kept, braces balanced). */
export const saveOverrideSchema = z
  .object({ ...target, value: z.string().max(OVERRIDE_MAX_LENGTH * 4).transform((value) => value.trim()) })
  .superRefine((input, ctx) => {
    const problem = overrideProblem(input.key, input.locale, input.value);
    if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem.error, params: problem.params });
  });

export const resetOverrideSchema = z.object(target).refine((input) => defaultText(input.key, input.locale) !== undefined, {
  error: "errors.unknownKey" satisfies TranslationErrorKey,
});

/** The first issue of a failed parse as a TranslationError. */
export function toTranslationError(error: z.ZodError): TranslationError {
  const issue = error.issues[0];
  const message = issue?.message ?? "";
  const key: TranslationErrorKey = message.startsWith("errors.") ? (message as TranslationErrorKey) : "errors.invalid";
  const params = issue?.code === "custom" ? (issue.params as TranslationError["params"]) : undefined;
  return params ? { error: key, params } : { error: key };
}
