"use client";

import { Switch } from "radix-ui";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { saveSiteSettings } from "@/lib/actions/cms-save";
import { HEADER_MENU_MAX_ITEMS, siteSettingsSchema, toCmsFailure, type CmsFailure, type HeaderMenuItem } from "@/lib/cms/header-menu";
import { MenuItemRow, type DraftItem } from "./menu-item-row";

interface Draft {
  items: DraftItem[];
  allowContactOrganizer: boolean;
}

const toDraft = (items: HeaderMenuItem[], allowContactOrganizer: boolean): Draft => ({
  items: items.map((item) => ({ id: item.id, label: { ...item.label }, target: item.target })),
  allowContactOrganizer,
});

/**
 * The CMS of the event site: the header menu (add, edit, reorder with up/down, remove) and, at the bottom, its OPTIONS.
 * One save writes both; the site shows them at its next request.
 */
export function SiteSettingsEditor({
  eventSlug,
  initialMenu,
  initialAllowContactOrganizer,
}: {
  eventSlug: string;
  initialMenu: HeaderMenuItem[];
  initialAllowContactOrganizer: boolean;
}) {
  const { t } = useTranslation("cms");
  const [saved, setSaved] = useState<Draft>(() => toDraft(initialMenu, initialAllowContactOrganizer));
  const [draft, setDraft] = useState<Draft>(saved);
  const [failure, setFailure] = useState<CmsFailure | null>(null);
  const [success, setSuccess] = useState(false);
  const [pending, startTransition] = useTransition();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);

  const edit = (next: Draft) => {
    setDraft(next);
    setSuccess(false);
  };
  const setItems = (items: DraftItem[]) => edit({ ...draft, items });
  const focusButton = (id: string, name: string) => requestAnimationFrame(() => buttons.current.get(`${id}:${name}`)?.focus());

  const move = (index: number, offset: -1 | 1) => {
    const items = [...draft.items];
    const [item] = items.splice(index, 1);
    if (!item) return;
    const to = index + offset;
    items.splice(to, 0, item);
    setItems(items);
    setFailure(null);
    // Keep the keyboard on the moved link; at an end, on the button that still moves it.
    focusButton(item.id, to === 0 ? "down" : to === items.length - 1 ? "up" : offset < 0 ? "up" : "down");
  };

  const remove = (index: number) => {
    const items = draft.items.filter((_, i) => i !== index);
    setItems(items);
    setFailure(null);
    const next = items[Math.min(index, items.length - 1)];
    if (next) focusButton(next.id, "remove");
    else requestAnimationFrame(() => document.getElementById("menu-add")?.focus());
  };

  const add = () => {
    const item: DraftItem = { id: crypto.randomUUID(), label: { en: "", fr: "" }, target: "" };
    setItems([...draft.items, item]);
    requestAnimationFrame(() => document.getElementById(`menu-item-${item.id}-label-en`)?.focus());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { headerMenu: draft.items, allowContactOrganizer: draft.allowContactOrganizer };
    const parsed = siteSettingsSchema.safeParse(input);
    if (!parsed.success) {
      setFailure(toCmsFailure(parsed.error));
      return;
    }
    startTransition(async () => {
      const result = await saveSiteSettings({ eventSlug, ...input }).catch(() => null);
      if (!result || !result.ok) {
        setFailure(result ? { error: result.error, fieldErrors: result.fieldErrors ?? {} } : { error: "errors.unexpected", fieldErrors: {} });
        return;
      }
      const next = toDraft(result.data.headerMenu, result.data.allowContactOrganizer);
      setSaved(next);
      setDraft(next);
      setFailure(null);
      setSuccess(true);
    });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div aria-live="polite">
        {failure ? <Alert tone="error">{t(failure.error)}</Alert> : success ? <Alert tone="success">{t("actions.saved")}</Alert> : null}
      </div>
      <Card className="overflow-hidden">
        <section aria-labelledby="menu-title">
          <div className="border-b border-border px-4 py-3.5">
            <h2 id="menu-title" className="text-sm font-semibold">
              {t("menu.title")}
            </h2>
            <p className="mt-0.5 max-w-3xl text-sm text-muted-foreground">{t("menu.description")}</p>
          </div>
          {draft.items.length === 0 ? (
            <div className="px-4 py-8 text-center">
              <p className="text-sm font-medium">{t("menu.empty")}</p>
              <p className="mt-1 text-sm text-muted-foreground">{t("menu.emptyHint")}</p>
            </div>
          ) : (
            <ol className="divide-y divide-border">
              {draft.items.map((item, index) => (
                <MenuItemRow
                  key={item.id}
                  item={item}
                  index={index}
                  count={draft.items.length}
                  eventSlug={eventSlug}
                  errors={{ label: failure?.fieldErrors[`${index}.label`], target: failure?.fieldErrors[`${index}.target`] }}
                  onChange={(next) => setItems(draft.items.map((other) => (other.id === next.id ? next : other)))}
                  onMove={(offset) => move(index, offset)}
                  onRemove={() => remove(index)}
                  buttonRef={(name, element) => {
                    if (element) buttons.current.set(`${item.id}:${name}`, element);
                    else buttons.current.delete(`${item.id}:${name}`);
                  }}
                />
              ))}
            </ol>
          )}
          <div className="flex items-center gap-3 border-t border-border px-4 py-3">
            <Button id="menu-add" variant="secondary" size="sm" onClick={add} disabled={draft.items.length >= HEADER_MENU_MAX_ITEMS}>
              <span aria-hidden>+</span> {t("menu.add")}
            </Button>
            {draft.items.length >= HEADER_MENU_MAX_ITEMS ? (
              <p className="text-xs text-muted-foreground">{t("menu.limit", { count: HEADER_MENU_MAX_ITEMS })}</p>
            ) : null}
          </div>
        </section>
        <section aria-labelledby="options-title" className="border-t border-border bg-muted/40 px-4 py-4">
          <h2 id="options-title" className="text-[11px] font-semibold tracking-wider text-muted-foreground uppercase">
            {t("options.title")}
          </h2>
          <div className="mt-3 flex items-start gap-3">
            <Switch.Root
              id="allow-contact"
              checked={draft.allowContactOrganizer}
              onCheckedChange={(checked) => edit({ ...draft, allowContactOrganizer: checked })}
              aria-describedby="allow-contact-hint"
              className="relative mt-0.5 inline-flex h-5 w-9 shrink-0 cursor-pointer items-center rounded-full bg-border transition-colors data-[state=checked]:bg-primary"
            >
              <Switch.Thumb className="block size-4 translate-x-0.5 rounded-full bg-surface shadow-sm transition-transform data-[state=checked]:translate-x-[18px]" />
            </Switch.Root>
            <div>
              <label htmlFor="allow-contact" className="cursor-pointer text-sm font-medium">
                {t("options.allowContact")}
              </label>
              <p id="allow-contact-hint" className="mt-0.5 max-w-2xl text-sm text-muted-foreground">
                {t("options.allowContactHint")}
              </p>
            </div>
          </div>
        </section>
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-border px-4 py-3">
          {dirty ? <p className="mr-auto text-xs font-medium text-muted-foreground">{t("actions.unsaved")}</p> : null}
          <Button
            variant="ghost"
            size="sm"
            disabled={!dirty || pending}
            onClick={() => {
              setDraft(saved);
              setFailure(null);
            }}
          >
            {t("actions.discard")}
          </Button>
          <Button type="submit" size="sm" disabled={!dirty || pending}>
            {pending ? t("actions.saving") : t("actions.save")}
          </Button>
        </div>
      </Card>
    </form>
  );
}
