"use client";

import { useActionState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { EmailField } from "./email-field";
import { signInWithPassword } from "@/lib/actions/sign-in-with-password";

export function PasswordForm({ next, email, onEmailChange }: { next: string; email: string; onEmailChange: (email: string) => void }) {
  const { t } = useTranslation("backoffice");
  const [state, action, pending] = useActionState(signInWithPassword, null);
  const failure = state && !state.ok ? state : null;
  const emailError = failure?.fieldErrors?.email;
  const passwordError = failure?.fieldErrors?.password;
  const formError = failure && !emailError && !passwordError ? failure.error : null;

  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      {formError ? <Alert tone="error">{t(formError, { ...failure?.values })}</Alert> : null}
      <EmailField id="password-email" autoComplete="username" value={email} onChange={onEmailChange} error={emailError} />
      <Field id="password" label={t("signIn.password")} error={passwordError ? t(passwordError) : undefined}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={passwordError ? "password-error" : undefined}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signIn.submitting") : t("signIn.submit")}
      </Button>
    </form>
  );
}
