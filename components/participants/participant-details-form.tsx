"use client";

import { useId, useState, useTransition, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { updateParticipant, type EditedParticipant } from "@/lib/actions/participants-update";
import type { ErrorKey } from "@/lib/actions/result";

const FIELDS = ["first_name", "last_name", "email", "company", "job_title"] as const;
type FieldName = (typeof FIELDS)[number];

/** The participant's editable details (the Details tab in edit mode); the action keeps the text on any error. */
export function ParticipantDetailsForm({
  eventId,
  participant,
  onSaved,
  onCancel,
}: {
  eventId: string;
  participant: EditedParticipant;
  onSaved(participant: EditedParticipant): void;
  onCancel(): void;
}) {
  const { t } = useTranslation("participants");
  const { t: tb } = useTranslation("backoffice");
  const id = useId();
  const [values, setValues] = useState<Record<FieldName, string>>({
    first_name: participant.first_name,
    last_name: participant.last_name,
    email: participant.email,
    company: participant.company ?? "",
    job_title: participant.job_title ?? "",
  });
  const [error, setError] = useState<ErrorKey | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, ErrorKey>>>({});
  const [saving, startSaving] = useTransition();

  function submit(event: FormEvent) {
    event.preventDefault();
    startSaving(async () => {
      const result = await updateParticipant({ eventId, participantId: participant.id, ...values });
      if (result.ok) onSaved(result.data);
      else {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
      }
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label={t("window.edit")} noValidate>
      {FIELDS.map((name) => {
        const fieldId = `${id}-${name}`;
        const fieldError = fieldErrors[name];
        return (
          <Field key={name} id={fieldId} label={t(`window.fields.${name}`)} error={fieldError ? tb(fieldError) : undefined}>
            <Input
              id={fieldId}
              type={name === "email" ? "email" : "text"}
              value={values[name]}
              onChange={(change) => setValues({ ...values, [name]: change.target.value })}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? `${fieldId}-error` : undefined}
            />
          </Field>
        );
      })}
      {error && Object.keys(fieldErrors).length === 0 ? (
        <p role="alert" className="text-sm text-danger">
          {tb(error)}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={saving}>
          {t("window.cancel")}
        </Button>
        <Button type="submit" disabled={saving}>
          {saving ? t("window.saving") : t("window.save")}
        </Button>
      </div>
    </form>
  );
}
