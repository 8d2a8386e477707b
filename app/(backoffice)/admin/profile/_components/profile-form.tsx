"use client";

import { useActionState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { DISPLAY_NAME_MAX_LENGTH } from "@/lib/actions/profile-schema";
import { updateProfile } from "@/lib/actions/profile-update";
import { locales, type Locale } from "@/lib/i18n/settings";

export function ProfileForm({ email, displayName, locale }: { email: string; displayName: string; locale: Locale }) {
  const { t } = useTranslation("shell");
  const { t: tc } = useTranslation("common");
  const [state, action, pending] = useActionState(updateProfile, null);
  const failure = state && !state.ok ? state : null;
  const nameError = failure?.fieldErrors?.displayName;
  const localeError = failure?.fieldErrors?.locale;
  const formError = failure && !nameError && !localeError ? failure.error : null;

  return (
    <form action={action} className="space-y-5" noValidate>
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      {state?.ok ? <Alert tone="success">{t("profile.saved")}</Alert> : null}
      <div className="space-y-1.5">
        <p className="text-sm font-medium">{t("profile.email")}</p>
        <p className="text-sm break-all text-muted-foreground">{email}</p>
      </div>
      <Field id="display-name" label={t("profile.displayName")} error={nameError ? t(nameError) : undefined}>
        <Input
          id="display-name"
          name="displayName"
          defaultValue={state?.ok ? state.data.displayName : displayName}
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          autoComplete="name"
          required
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? "display-name-error display-name-hint" : "display-name-hint"}
        />
        <p id="display-name-hint" className="text-xs text-muted-foreground">
          {t("profile.displayNameHint")}
        </p>
      </Field>
      <Field id="locale" label={t("profile.locale")} error={localeError ? t(localeError) : undefined}>
        <select
          id="locale"
          name="locale"
          defaultValue={locale}
          className="block h-10 w-full rounded-control border border-border bg-surface px-3 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20 focus-visible:outline-none"
        >
          {locales.map((option) => (
            <option key={option} value={option} lang={option}>
              {tc(`language.${option}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? t("profile.saving") : t("profile.save")}
        </Button>
      </div>
    </form>
  );
}
