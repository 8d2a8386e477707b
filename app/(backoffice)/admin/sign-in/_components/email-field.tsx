"use client";

import { useTranslation } from "react-i18next";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ErrorKey } from "@/lib/actions/result";

/** The email input both sign-in forms share; the typed address carries over when switching forms. */
export function EmailField({
  id,
  autoComplete,
  value,
  onChange,
  error,
}: {
  id: string;
  autoComplete: "username" | "email";
  value: string;
  onChange: (email: string) => void;
  error?: ErrorKey;
}) {
  const { t } = useTranslation("backoffice");
  return (
    <Field id={id} label={t("signIn.email")} error={error ? t(error) : undefined}>
      <Input
        id={id}
        name="email"
        type="email"
        autoComplete={autoComplete}
        placeholder={t("signIn.emailPlaceholder")}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </Field>
  );
}
