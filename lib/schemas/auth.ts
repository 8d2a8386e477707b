import { z } from "zod";
import { safeNextPath } from "@/lib/next-path";
import { ADMIN_HOME_PATH } from "@/lib/routes";

export const EMAIL_MAX_LENGTH = 320;
export const PASSWORD_MAX_LENGTH = 1024;

/** Where to go after signing in to the back-office: a back-office path, else its home (see safeNextPath). */
export const nextPathSchema = z
  .string()
  .optional()
  .transform((value) => safeNextPath(value, ADMIN_HOME_PATH));

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
