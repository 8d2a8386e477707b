"use client";

import { AlertDialog, Dialog, DropdownMenu } from "radix-ui";
import { useState, useTransition, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import {
  createParticipantView,
  deleteParticipantView,
  renameParticipantView,
  updateParticipantView,
} from "@/lib/actions/participants-views";
import type { ErrorKey } from "@/lib/actions/result";
import type { SavedView } from "@/lib/participants/grid-page";
import { DEFAULT_GRID_STATE, isModified, stateOfView, viewDefinitionOf, type GridState } from "@/lib/participants/grid-state";

const itemClass =
  "relative flex cursor-default items-center rounded-md py-1.5 pr-2.5 pl-7 text-sm select-none focus-visible:-outline-offset-2 data-[highlighted]:bg-muted";
const overlayClass = "fixed inset-0 z-50 bg-foreground/25";
const dialogClass =
  "fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-card border border-border bg-surface p-5 shadow-card focus:outline-none";

/** The view picker, the current view's name and state (unsaved / modified), and save, rename, delete. */
export function ViewsBar({
  eventId,
  state,
  views,
  onViewsChange,
  onStateChange,
}: {
  eventId: string;
  state: GridState;
  views: SavedView[];
  onViewsChange(views: SavedView[]): void;
  onStateChange(next: GridState): void;
}) {
  const { t } = useTranslation("participants");
  const { t: tErrors } = useTranslation("backoffice");
  const current = views.find((view) => view.id === state.viewId) ?? null;
  const modified = current ? isModified(state, current.definition) : false;
  const isDefault =
    !current && JSON.stringify(viewDefinitionOf({ ...state, page: 1, viewId: null })) === JSON.stringify(viewDefinitionOf(DEFAULT_GRID_STATE));
  const [nameDialog, setNameDialog] = useState<"create" | "rename" | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<ErrorKey | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const sorted = (list: SavedView[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

  const openNameDialog = (mode: "create" | "rename") => {
    setName(mode === "rename" && current ? current.name : "");
    setError(null);
    setNameDialog(mode);
  };

  const submitName = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    startTransition(async () => {
      const result =
        nameDialog === "rename" && current
          ? await renameParticipantView({ eventId, viewId: current.id, name })
          : await createParticipantView({ eventId, name, definition: viewDefinitionOf(state) });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      onViewsChange(sorted([...views.filter((view) => view.id !== result.data.id), result.data]));
      onStateChange({ ...state, viewId: result.data.id });
      setStatus(t("views.saved", { name: result.data.name }));
      setNameDialog(null);
    });
  };

  const saveChanges = () => {
    if (!current) return;
    startTransition(async () => {
      const result = await updateParticipantView({ eventId, viewId: current.id, definition: viewDefinitionOf(state) });
      if (!result.ok) {
        setStatus(tErrors(result.error));
        return;
      }
      onViewsChange(views.map((view) => (view.id === result.data.id ? result.data : view)));
      setStatus(t("views.saved", { name: result.data.name }));
    });
  };

  const remove = () => {
    if (!current) return;
    startTransition(async () => {
      const result = await deleteParticipantView({ eventId, viewId: current.id });
      setConfirmDelete(false);
      if (!result.ok && result.error !== "errors.viewNotFound") {
        setStatus(tErrors(result.error));
        return;
      }
      onViewsChange(views.filter((view) => view.id !== current.id));
      onStateChange({ ...state, viewId: null });
      setStatus(t("views.deleted"));
    });
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger
          className={buttonClasses({ variant: "secondary", size: "sm", className: "h-9 max-w-80" })}
          aria-label={`${t("views.picker")}: ${current ? current.name : t("views.allParticipants")}`}
        >
          <span className="text-muted-foreground">{t("views.picker")}:</span>
          <span className="truncate" data-testid="current-view-name">
            {current ? current.name : t("views.allParticipants")}
          </span>
          <span aria-hidden className="text-muted-foreground">▾</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Content align="start" sideOffset={6} className="z-50 max-h-96 min-w-60 overflow-y-auto rounded-control border border-border bg-surface p-1 shadow-card">
          <DropdownMenu.RadioGroup
            value={current?.id ?? ""}
            onValueChange={(id) => {
              setStatus(null);
              const view = views.find((candidate) => candidate.id === id);
              onStateChange(view ? stateOfView(view.id, view.definition) : DEFAULT_GRID_STATE);
            }}
          >
            <DropdownMenu.RadioItem value="" className={itemClass}>
              <DropdownMenu.ItemIndicator className="absolute left-2 text-primary">✓</DropdownMenu.ItemIndicator>
              {t("views.allParticipants")}
            </DropdownMenu.RadioItem>
            <DropdownMenu.Separator className="my-1 h-px bg-border" />
            <DropdownMenu.Label className="px-2.5 py-1 text-xs font-medium text-muted-foreground">{t("views.savedViews")}</DropdownMenu.Label>
            {views.length === 0 ? <p className="px-2.5 py-1.5 text-sm text-muted-foreground">{t("views.noSavedViews")}</p> : null}
            {views.map((view) => (
              <DropdownMenu.RadioItem key={view.id} value={view.id} className={itemClass}>
                <DropdownMenu.ItemIndicator className="absolute left-2 text-primary">✓</DropdownMenu.ItemIndicator>
                <span className="truncate">{view.name}</span>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Root>

      {!current && !isDefault ? (
        <span className="rounded-full bg-muted px-2.5 py-0.5 text-xs font-medium text-muted-foreground" data-testid="view-state">
          {t("views.unsaved")}
        </span>
      ) : null}
      {modified ? (
        <span className="rounded-full bg-primary/10 px-2.5 py-0.5 text-xs font-medium text-primary" data-testid="view-state">
          {t("views.modified")}
        </span>
      ) : null}

      {current && modified ? (
        <Button variant="secondary" size="sm" onClick={saveChanges} disabled={pending}>
          {t("views.saveChanges")}
        </Button>
      ) : null}
      {!current || modified ? (
        <Button variant="ghost" size="sm" onClick={() => openNameDialog("create")}>
          {current ? t("views.saveAsNew") : t("views.save")}
        </Button>
      ) : null}
      {current ? (
        <>
          <Button variant="ghost" size="sm" onClick={() => openNameDialog("rename")}>
            {t("views.rename")}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirmDelete(true)}>
            {t("views.delete")}
          </Button>
        </>
      ) : null}
      {status ? (
        <span role="status" className="text-sm text-muted-foreground">
          {status}
        </span>
      ) : null}

      <Dialog.Root open={nameDialog !== null} onOpenChange={(open) => (open ? null : setNameDialog(null))}>
        <Dialog.Portal>
          <Dialog.Overlay className={overlayClass} />
          <Dialog.Content className={dialogClass}>
            <Dialog.Title className="text-base font-semibold">{nameDialog === "rename" ? t("views.renameTitle") : t("views.saveTitle")}</Dialog.Title>
            <Dialog.Description className="mt-1 text-sm text-muted-foreground">{t("views.saveDescription")}</Dialog.Description>
            <form className="mt-4 space-y-3" onSubmit={submitName}>
              <div className="space-y-1.5">
                <label htmlFor="view-name" className="block text-sm font-medium">
                  {t("views.nameLabel")}
                </label>
                <Input
                  id="view-name"
                  value={name}
                  maxLength={100}
                  autoFocus
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? "view-name-error" : undefined}
                  onChange={(changeEvent) => setName(changeEvent.target.value)}
                />
              </div>
              {error ? (
                <div id="view-name-error">
                  <Alert tone="error">{tErrors(error)}</Alert>
                </div>
              ) : null}
              <div className="flex justify-end gap-2 pt-1">
                <Dialog.Close className={buttonClasses({ variant: "secondary" })}>{t("views.cancel")}</Dialog.Close>
                <Button type="submit" disabled={pending || name.trim() === ""}>
                  {pending ? t("views.saving") : nameDialog === "rename" ? t("views.confirmRename") : t("views.confirmSave")}
                </Button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>

      <AlertDialog.Root open={confirmDelete} onOpenChange={setConfirmDelete}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className={overlayClass} />
          <AlertDialog.Content className={dialogClass}>
            <AlertDialog.Title className="text-base font-semibold">{t("views.deleteTitle", { name: current?.name ?? "" })}</AlertDialog.Title>
            <AlertDialog.Description className="mt-1 text-sm text-muted-foreground">{t("views.deleteDescription")}</AlertDialog.Description>
            <div className="mt-5 flex justify-end gap-2">
              <AlertDialog.Cancel className={buttonClasses({ variant: "secondary" })}>{t("views.cancel")}</AlertDialog.Cancel>
              <Button className="bg-danger hover:bg-danger/90" disabled={pending} onClick={remove}>
                {t("views.confirmDelete")}
              </Button>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}
