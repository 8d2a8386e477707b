"use client";

import { Dialog } from "radix-ui";
import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { useSupabase } from "@/components/supabase-provider";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import type { ErrorKey } from "@/lib/actions/result";
import { sendMessage } from "@/lib/actions/send-message";
import { MESSAGE_MAX_LENGTH, messageLength } from "@/lib/schemas/message";
import type { Audience } from "@/lib/schemas/participants-query";

type Count = { status: "counting" } | { status: "counted"; count: number } | { status: "failed" };
type Sending = { status: "idle" } | { status: "sending" } | { status: "sent"; count: number } | { status: "failed"; error: ErrorKey };

interface Opening {
  /** The audience as it was when the pop-in opened: what the count shows and SEND NOW sends. */
  audience: Audience;
  /** One per opening, reused by every retry: the server sends once per key. */
  idempotencyKey: string;
}

/**
 * The message pop-in: a message field, and at the bottom the exact number of participants who will receive it.
 * The audience is fixed when it opens; SEND NOW sends once (one idempotency key per opening, and no second click).
 */
export function MessageDialog({
  eventId,
  audience,
  open,
  onOpenChange,
  returnFocus,
}: {
  eventId: string;
  audience: Audience;
  open: boolean;
  onOpenChange(open: boolean): void;
  /** Where focus goes on close when what opened the pop-in is gone (a menu item). */
  returnFocus?: RefObject<HTMLElement | null>;
}) {
  const { t, i18n } = useTranslation("participants");
  const { t: tErrors } = useTranslation("backoffice");
  const supabase = useSupabase();
  const focus = useReturnFocus(returnFocus);

  // A new opening copies the audience and draws a key (state adjusted during render, as React recommends).
  const [wasOpen, setWasOpen] = useState(false);
  const [opening, setOpening] = useState<Opening | null>(null);
  const [body, setBody] = useState("");
  const [count, setCount] = useState<Count>({ status: "counting" });
  const [sending, setSending] = useState<Sending>({ status: "idle" });
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setOpening({ audience: structuredClone(audience), idempotencyKey: crypto.randomUUID() });
      setBody("");
      setCount({ status: "counting" });
      setSending({ status: "idle" });
    }
  }

  useEffect(() => {
    if (!opening) return;
    let cancelled = false;
    void supabase.rpc("count_audience", { target_event_id: eventId, audience: opening.audience }).then(({ data, error }) => {
      if (cancelled) return;
      setCount(error || typeof data !== "number" ? { status: "failed" } : { status: "counted", count: data });
    });
    return () => {
      cancelled = true;
    };
  }, [supabase, eventId, opening]);

  const inFlight = useRef(false);
  const length = messageLength(body);
  const tooLong = length > MESSAGE_MAX_LENGTH;
  const canSend =
    opening !== null &&
    body.trim() !== "" &&
    !tooLong &&
    count.status === "counted" &&
    count.count > 0 &&
    (sending.status === "idle" || sending.status === "failed");

  const send = async (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    if (!canSend || inFlight.current) return;
    inFlight.current = true;
    setSending({ status: "sending" });
    try {
      const result = await sendMessage({ eventId, audience: opening.audience, body, idempotencyKey: opening.idempotencyKey });
      setSending(result.ok ? { status: "sent", count: result.data.recipientCount } : { status: "failed", error: result.error });
    } catch {
      setSending({ status: "failed", error: "errors.unavailable" });
    } finally {
      inFlight.current = false;
    }
  };

  const number = (value: number) => value.toLocaleString(i18n.language);
  const title = opening?.audience.kind === "view" ? t("messageDialog.titleView") : t("messageDialog.titleSelection");

  return (
    <Dialog.Root open={open} onOpenChange={(next) => (sending.status === "sending" ? undefined : onOpenChange(next))}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-foreground/25" />
        <Dialog.Content
          className="fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-card border border-border bg-surface shadow-card focus:outline-none"
          aria-describedby="message-dialog-description"
          onOpenAutoFocus={focus.onOpenAutoFocus}
          onCloseAutoFocus={focus.onCloseAutoFocus}
        >
          <div className="border-b border-border px-5 py-4">
            <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
            <Dialog.Description id="message-dialog-description" className="mt-1 text-sm text-muted-foreground">
              {t("messageDialog.description")}
            </Dialog.Description>
          </div>
          {sending.status === "sent" ? (
            <div className="space-y-4 px-5 py-6">
              <Alert tone="success">
                <span className="font-medium">{t("messageDialog.sent", { count: sending.count, formatted: number(sending.count) })}</span>
                <br />
                {t("messageDialog.sentHint")}
              </Alert>
              <div className="flex justify-end">
                {/* The form that had focus is gone: focus moves here, still inside the pop-in. */}
                <Dialog.Close className={buttonClasses({})} autoFocus>
                  {t("messageDialog.close")}
                </Dialog.Close>
              </div>
            </div>
          ) : (
            <form className="flex min-h-0 flex-col" onSubmit={send}>
              <div className="space-y-2 overflow-y-auto px-5 py-4">
                <label htmlFor="message-body" className="block text-sm font-medium">
                  {t("messageDialog.messageLabel")}
                </label>
                <textarea
                  id="message-body"
                  rows={8}
                  autoFocus
                  value={body}
                  placeholder={t("messageDialog.messagePlaceholder")}
                  aria-invalid={tooLong || undefined}
                  aria-describedby="message-body-counter"
                  onChange={(changeEvent) => setBody(changeEvent.target.value)}
                  className="block min-h-40 w-full resize-y rounded-control border border-border bg-surface px-3 py-2 text-sm shadow-xs placeholder:text-muted-foreground/70 focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/20 focus-visible:outline-none aria-invalid:border-danger"
                />
                <p id="message-body-counter" className={cn("text-right text-xs tabular-nums", tooLong ? "font-medium text-danger" : "text-muted-foreground")}>
                  {tooLong ? `${t("messageDialog.tooLong", { max: number(MESSAGE_MAX_LENGTH) })} · ` : null}
                  {t("messageDialog.counter", { length: number(length), max: number(MESSAGE_MAX_LENGTH) })}
                </p>
                {sending.status === "failed" ? <Alert tone="error">{tErrors(sending.error)}</Alert> : null}
              </div>
              <div className="flex flex-wrap items-center justify-between gap-3 border-t border-border bg-muted/40 px-5 py-3">
                <p className="text-sm" role="status" data-testid="recipient-count">
                  {count.status === "counting" ? (
                    <span className="text-muted-foreground">{t("messageDialog.counting")}</span>
                  ) : count.status === "failed" ? (
                    <span className="text-danger">{t("messageDialog.countError")}</span>
                  ) : count.count === 0 ? (
                    <span className="text-muted-foreground">{t("messageDialog.noRecipients")}</span>
                  ) : (
                    <span className="font-medium">{t("messageDialog.recipients", { count: count.count, formatted: number(count.count) })}</span>
                  )}
                </p>
                <div className="flex gap-2">
                  <Dialog.Close className={buttonClasses({ variant: "secondary" })} disabled={sending.status === "sending"}>
                    {t("messageDialog.cancel")}
                  </Dialog.Close>
                  <Button type="submit" disabled={!canSend} aria-disabled={!canSend}>
                    {sending.status === "sending" ? t("messageDialog.sending") : t("messageDialog.send")}
                  </Button>
                </div>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
