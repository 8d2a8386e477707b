"use client";

import { Dialog, Tabs } from "radix-ui";
import { useEffect, useState, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { OrganizerConversation } from "@/components/messaging/organizer-conversation";
import { useSupabase } from "@/components/supabase-provider";
import { Button } from "@/components/ui/button";
import { useReturnFocus } from "@/components/ui/use-return-focus";
import type { EditedParticipant } from "@/lib/actions/participants-update";
import type { Tables } from "@/lib/database.types";
import { ConnectedBadge } from "./connected-badge";
import { ParticipantDetailsForm } from "./participant-details-form";
import type { WindowTab } from "./use-grid-url";

type Participant = EditedParticipant & Pick<Tables<"participants">, "registered_at" | "user_id">;

type Loaded = { id: string; participant: Participant | null };

const tabClass =
  "-mb-px border-b-2 border-transparent px-1 pb-2 text-sm font-medium text-muted-foreground hover:text-foreground data-[state=active]:border-primary data-[state=active]:text-foreground";

/** The participant window (URL `?participant=<id>&tab=details|messages`): details, and the conversation with them. */
export function ParticipantWindow({
  eventId,
  participantId,
  tab,
  connected,
  onNavigate,
  onEdited,
  returnFocus,
}: {
  eventId: string;
  participantId: string | null;
  tab: WindowTab;
  connected: boolean;
  onNavigate(participantId: string | null, tab?: WindowTab): void;
  /** After a saved edit: the grid shows the new details. */
  onEdited(): void;
  /** Where focus goes on close when the window was not opened from a control (a link, a page load). */
  returnFocus?: RefObject<HTMLElement | null>;
}) {
  const { t, i18n } = useTranslation("participants");
  const supabase = useSupabase();
  const focus = useReturnFocus(returnFocus);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [savedFor, setSavedFor] = useState<string | null>(null);

  useEffect(() => {
    if (!participantId) return;
    let cancelled = false;
    void supabase
      .from("participants")
      .select("id, first_name, last_name, email, company, job_title, registered_at, user_id")
      .eq("event_id", eventId)
      .eq("id", participantId)
      .maybeSingle()
      .then(({ data }) => {
        if (!cancelled) setLoaded({ id: participantId, participant: data });
      });
    return () => {
      cancelled = true;
    };
  }, [supabase, eventId, participantId]);

  const current = loaded && loaded.id === participantId ? loaded : null;
  const saved = (edited: EditedParticipant) => {
    setLoaded((previous) =>
      previous?.participant && previous.id === edited.id ? { ...previous, participant: { ...previous.participant, ...edited } } : previous,
    );
    setEditing(null);
    setSavedFor(edited.id);
    onEdited();
  };
  const participant = current?.participant ?? null;
  const name = participant ? `${participant.first_name} ${participant.last_name}` : "";
  const date = (value: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(value));

  const fields: Array<[string, React.ReactNode]> = participant
    ? [
        [t("window.fields.first_name"), participant.first_name],
        [t("window.fields.last_name"), participant.last_name],
        [t("window.fields.email"), participant.email],
        [t("window.fields.company"), participant.company || t("window.empty")],
        [t("window.fields.job_title"), participant.job_title || t("window.empty")],
        [t("window.fields.registered_at"), date(participant.registered_at)],
        [t("window.fields.account"), participant.user_id ? t("window.accountLinked") : t("window.accountNone")],
        [t("window.fields.connected"), <ConnectedBadge key="connected" active={connected} />],
      ]
    : [];

  return (
    <Dialog.Root open={participantId !== null} onOpenChange={(open) => (open ? undefined : onNavigate(null))}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-foreground/20" />
        <Dialog.Content
          className="fixed inset-y-0 right-0 z-40 flex w-full max-w-2xl flex-col border-l border-border bg-surface shadow-card focus:outline-none"
          aria-describedby={undefined}
          onOpenAutoFocus={focus.onOpenAutoFocus}
          onCloseAutoFocus={focus.onCloseAutoFocus}
        >
          <div className="flex items-start justify-between gap-4 border-b border-border px-6 pt-5">
            <div className="min-w-0 pb-3">
              <Dialog.Title className="truncate text-lg font-semibold">{participant ? name : current ? t("window.notFound") : t("window.loading")}</Dialog.Title>
              {participant ? <p className="truncate text-sm text-muted-foreground">{participant.email}</p> : null}
            </div>
            <Dialog.Close
              className="grid size-8 shrink-0 place-items-center rounded-control text-muted-foreground hover:bg-muted hover:text-foreground"
              aria-label={t("window.close")}
            >
              ×
            </Dialog.Close>
          </div>
          {participant ? (
            <Tabs.Root
              value={tab}
              onValueChange={(value) => onNavigate(participant.id, value === "messages" ? "messages" : "details")}
              className="flex min-h-0 flex-1 flex-col"
            >
              <Tabs.List aria-label={t("window.tabs")} className="flex gap-5 border-b border-border px-6 pt-1">
                <Tabs.Trigger value="details" className={tabClass}>
                  {t("window.details")}
                </Tabs.Trigger>
                <Tabs.Trigger value="messages" className={tabClass}>
                  {t("window.messages")}
                </Tabs.Trigger>
              </Tabs.List>
              <Tabs.Content value="details" className="overflow-y-auto px-6 py-5 focus-visible:-outline-offset-2">
                {editing === participant.id ? (
                  <ParticipantDetailsForm eventId={eventId} participant={participant} onSaved={saved} onCancel={() => setEditing(null)} />
                ) : (
                  <>
                    <dl className="grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-[max-content_1fr]">
                      {fields.map(([label, value]) => (
                        <div key={label} className="contents">
                          <dt className="text-sm text-muted-foreground">{label}</dt>
                          <dd className="text-sm break-words">{value}</dd>
                        </div>
                      ))}
                    </dl>
                    <div className="mt-6 flex items-center justify-end gap-3">
                      {savedFor === participant.id ? (
                        <p role="status" className="text-sm text-muted-foreground">
                          {t("window.saved")}
                        </p>
                      ) : null}
                      <Button
                        variant="secondary"
                        onClick={() => {
                          setSavedFor(null);
                          setEditing(participant.id);
                        }}
                      >
                        {t("window.edit")}
                      </Button>
                    </div>
                  </>
                )}
              </Tabs.Content>
              <Tabs.Content value="messages" className="flex min-h-0 flex-1 flex-col focus-visible:-outline-offset-2">
                <OrganizerConversation eventId={eventId} participantId={participant.id} participantName={name} />
              </Tabs.Content>
            </Tabs.Root>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
