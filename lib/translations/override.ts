import { z } from "zod";
import { locales, type Locale } from "@/lib/i18n/settings";
import { defaultText } from "./catalog";
import { OVERRIDE_MAX_LENGTH, overrideProblemFor, type TranslationError, type TranslationErrorKey } from "./override-rule";

export { OVERRIDE_MAX_LENGTH, type TranslationError, type TranslationErrorKey } from "./override-rule";

/** Why `value` cannot be the event's text for `key` in `locale`, or null when it can. */
export const overrideProblem = (key: string, locale: Locale, value: string): TranslationError | null =>
  overrideProblemFor(defaultText(key, locale), value);

const target = {
  // As events.slug allows it: anything else (NUL, lone surrogates) could not even be looked up.
  eventSlug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(64),
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
