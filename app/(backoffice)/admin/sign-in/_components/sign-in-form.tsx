"use client";

import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ErrorKey } from "@/lib/actions/result";
import { cn } from "@/components/ui/cn";
import { MagicLinkForm } from "./magic-link-form";
import { PasswordForm } from "./password-form";

type Mode = "password" | "magicLink";
const MODES: Mode[] = ["password", "magicLink"];

export function SignInForm({ next, mailboxUrl, initialError }: { next: string; mailboxUrl: string | null; initialError: ErrorKey | null }) {
  const { t } = useTranslation("backoffice");
  const [mode, setMode] = useState<Mode>(initialError === "errors.linkInvalid" ? "magicLink" : "password");
  // Shared by both forms, so switching method keeps what was typed.
  const [email, setEmail] = useState("");

  return (
    <div className="mt-6 space-y-5">
      <div role="group" aria-label={t("signIn.modes.label")} className="grid grid-cols-2 gap-1 rounded-control bg-muted p-1">
        {MODES.map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={mode === option}
            onClick={() => setMode(option)}
            className={cn(
              "h-8 rounded-[calc(var(--radius-control)-2px)] text-sm font-medium transition-colors",
              mode === option ? "bg-surface text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground",
            )}
          >
            {t(`signIn.modes.${option}`)}
          </button>
        ))}
      </div>
      {mode === "password" ? (
        <PasswordForm next={next} email={email} onEmailChange={setEmail} />
      ) : (
        <MagicLinkForm next={next} email={email} onEmailChange={setEmail} mailboxUrl={mailboxUrl} initialError={initialError} />
      )}
    </div>
  );
}
