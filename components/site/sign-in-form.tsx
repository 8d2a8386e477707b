"use client";

import { useActionState, useState } from "react";
import { useTexts } from "@/components/texts-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { sendSiteSignInCode } from "@/lib/actions/site-sign-in";
import type { SiteSignInErrorKey } from "@/lib/actions/site-sign-in-schema";
import { verifySiteSignInCode } from "@/lib/actions/site-verify-code";

interface Props {
  eventSlug: string;
  eventName: string;
  next: string;
  mailboxUrl: string | null;
  initialError: SiteSignInErrorKey | null;
}

/** Email, then the emailed 6-digit code (the email's link signs in too). */
export function SiteSignInForm({ eventSlug, eventName, next, mailboxUrl, initialError }: Props) {
  const { t } = useTexts("site");
  const [sent, sendAction, sending] = useActionState(sendSiteSignInCode, null);
  const [verified, verifyAction, verifying] = useActionState(verifySiteSignInCode, null);
  const [email, setEmail] = useState("");
  const [editing, setEditing] = useState(false);
  const codeStep = sent?.ok === true && !editing;
  const sendError = sent && !sent.ok ? sent.error : sent === null ? initialError : null;
  const verifyError = verified && !verified.ok ? verified.error : null;

  return (
    <div className="mt-6 space-y-4">
      {!codeStep ? (
        <form action={(data) => { setEditing(false); sendAction(data); }} className="space-y-4" noValidate>
          <input type="hidden" name="eventSlug" value={eventSlug} />
          <input type="hidden" name="next" value={next} />
          {sendError ? <Alert tone="error">{t(sendError, { eventName, ...(sent && !sent.ok ? sent.values : undefined) })}</Alert> : null}
          <Field id="site-email" label={t("signIn.email")}>
            <Input
              id="site-email"
              name="email"
              type="email"
              autoComplete="email"
              required
              placeholder={t("signIn.emailPlaceholder")}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={sendError ? true : undefined}
            />
          </Field>
          <Button type="submit" className="w-full" disabled={sending}>
            {sending ? t("signIn.sending") : t("signIn.sendCode")}
          </Button>
        </form>
      ) : (
        <form action={verifyAction} className="space-y-4" noValidate>
          <input type="hidden" name="eventSlug" value={eventSlug} />
          <input type="hidden" name="next" value={next} />
          <input type="hidden" name="email" value={sent.data.email} />
          {verifyError ? <Alert tone="error">{t(verifyError, { eventName, ...(verified && !verified.ok ? verified.values : undefined) })}</Alert> : <Alert tone="success">{t("signIn.codeSent", { email: sent.data.email })}</Alert>}
          <Field id="site-code" label={t("signIn.code")}>
            <Input
              id="site-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              autoFocus
              className="text-center font-mono text-lg tracking-[0.4em]"
              aria-invalid={verifyError ? true : undefined}
            />
          </Field>
          <Button type="submit" className="w-full" disabled={verifying}>
            {verifying ? t("signIn.verifying") : t("signIn.verify")}
          </Button>
          <Button type="button" variant="ghost" size="sm" className="w-full" onClick={() => setEditing(true)}>
            {t("signIn.otherEmail")}
          </Button>
        </form>
      )}
      {mailboxUrl ? (
        <p className="text-center text-xs">
          <a href={mailboxUrl} target="_blank" rel="noopener noreferrer" className="text-muted-foreground underline underline-offset-2 hover:text-foreground">
            {t("signIn.devMailbox")}
          </a>
        </p>
      ) : null}
    </div>
  );
}
