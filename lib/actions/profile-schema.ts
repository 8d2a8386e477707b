import { z } from "zod";
import type shell from "@/lib/i18n/resources/en/shell.json";
import { locales } from "@/lib/i18n/settings";

/** An i18n key (shell namespace) of the profile form's errors. */
export type ProfileErrorKey = `profile.errors.${keyof (typeof shell)["profile"]["errors"]}`;

/** As the database checks it: 1–100 characters once trimmed. */
export const DISPLAY_NAME_MAX_LENGTH = 100;

export const profileSchema = z.object({
  displayName: z
    .string({ error: "profile.errors.displayNameRequired" })
    .trim()
    .min(1, { error: "profile.errors.displayNameRequired" })
    .refine((name) => [...name].length <= DISPLAY_NAME_MAX_LENGTH, { error: "profile.errors.displayNameTooLong" })
    // One line of text: no control characters (NUL, line breaks, tabs …) and no lone surrogate halves.
    .refine((name) => name.isWellFormed() && !/\p{Cc}/u.test(name), { error: "profile.errors.displayNameInvalid" }),
  locale: z.enum(locales, { error: "profile.errors.localeInvalid" }),
});
