"use client";

import { useActionState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmailField } from "./email-field";
import type { ErrorKey } from "@/lib/actions/result";
import { sendSignInLink } from "@/lib/actions/send-sign-in-link";

interface MagicLinkFormProps {
  next: string;
  email: string;
  onEmailChange: (email: string) => void;
  mailboxUrl: string | null;
  initialError: ErrorKey | null;
}

export function MagicLinkForm({ next, email, onEmailChange, mailboxUrl, initialError }: MagicLinkFormProps) {
  const { t } = useTranslation("backoffice");
  const [state, action, pending] = useActionState(sendSignInLink, null);
  const failure = state && !state.ok ? state : null;
  const emailError = failure?.fieldErrors?.email;
  const formError = failure && !emailError ? failure.error : state === null ? initialError : null;

  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      {formError ? <Alert tone="error">{t(formError, { ...failure?.values })}</Alert> : null}
      {state?.ok ? (
        <Alert tone="success">
          <p className="font-medium">{t("signIn.linkSent", { email: state.data.email })}</p>
          <p className="mt-0.5 opacity-90">{t("signIn.linkSentHint")}</p>
        </Alert>
      ) : (
        <p className="text-sm leading-relaxed text-muted-foreground">{t("signIn.magicLinkHelp")}</p>
      )}
      <EmailField id="link-email" autoComplete="email" value={email} onChange={onEmailChange} error={emailError} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? t("signIn.sendingLink") : t("signIn.sendLink")}
      </Button>
      {mailboxUrl ? (
        <p className="text-center text-xs">
          <a href={mailboxUrl} target="_blank" rel="noreferrer" className="text-muted-foreground underline underline-offset-2 hover:text-foreground">
            {t("signIn.devMailbox")}
          </a>
        </p>
      ) : null}
    </form>
  );
}
