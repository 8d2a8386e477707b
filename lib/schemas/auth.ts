import { z } from "zod";
import { ADMIN_HOME_PATH } from "@/lib/routes";

export const EMAIL_MAX_LENGTH = 320;
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * Where to go after signing in: a path of this app only. Anything else (absolute or protocol-relative URLs, backslash
 * tricks, missing value) falls back to the back-office home, so the parameter cannot be used as an open redirect.
 */
export const nextPathSchema = z
  .string()
  .optional()
  .transform((value) =>
    value && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") && !/[\r\n\t]/.test(value)
      ? value
      : ADMIN_HOME_PATH,
  );

export const emailSchema = z
  .string({ error: "errors.invalidEmail" })
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, { error: "errors.invalidEmail" })
  .pipe(z.email({ error: "errors.invalidEmail" }));

export const passwordSignInSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "errors.passwordRequired" })
    .min(1, { error: "errors.passwordRequired" })
    .max(PASSWORD_MAX_LENGTH, { error: "errors.invalidCredentials" }),
  next: nextPathSchema,
});
export type PasswordSignIn = z.infer<typeof passwordSignInSchema>;

export const signInLinkSchema = z.object({
  email: emailSchema,
  next: nextPathSchema,
});
export type SignInLink = z.infer<typeof signInLinkSchema>;

/** Query of /auth/confirm: a token hash (SSR email template) or a PKCE code (the default link), plus `next`. */
export const authConfirmSchema = z.object({
  token_hash: z.string().min(1).optional(),
  type: z.enum(["email", "magiclink", "signup", "recovery", "invite", "email_change"]).optional(),
  code: z.string().min(1).optional(),
  next: nextPathSchema,
});
