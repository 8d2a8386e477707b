"use client";

import { DropdownMenu } from "radix-ui";
import { useRef, type Ref } from "react";
import { useTranslation } from "react-i18next";

const itemClass =
  "flex cursor-default items-center justify-between gap-6 rounded-md px-2.5 py-1.5 text-sm select-none focus-visible:-outline-offset-2 " +
  "data-[disabled]:pointer-events-none data-[disabled]:opacity-50 data-[highlighted]:bg-muted data-[state=open]:bg-muted";
const contentClass = "z-50 min-w-48 rounded-control border border-border bg-surface p-1 shadow-card";

/** The three-dots menu at the top left of the grid: Selection › Message selection, Current view › Message all in view. */
export function GridActionsMenu({
  selectionCount,
  onMessageSelection,
  onMessageView,
  triggerRef,
}: {
  selectionCount: number;
  /** The "…" button: where focus returns when the message pop-in closes. */
  triggerRef?: Ref<HTMLButtonElement>;
  onMessageSelection(): void;
  onMessageView(): void;
}) {
  const { t } = useTranslation("participants");
  // An item that opens the pop-in: focus must go into the pop-in, not back to the "…" button (where typing would
  // reopen the menu).
  const opensDialog = useRef(false);
  return (
    // Not modal and not portalled: the open menu stays in <main> and leaves the page readable (a modal menu hides the
    // rest of the page from assistive technologies while its links stay focusable).
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        ref={triggerRef}
        aria-label={t("menu.trigger")}
        className="inline-flex size-9 items-center justify-center rounded-control border border-border bg-surface text-foreground shadow-xs hover:bg-muted data-[state=open]:bg-muted"
      >
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="currentColor">
          <circle cx="5" cy="12" r="1.8" />
          <circle cx="12" cy="12" r="1.8" />
          <circle cx="19" cy="12" r="1.8" />
        </svg>
      </DropdownMenu.Trigger>
      <DropdownMenu.Content
        align="start"
        sideOffset={6}
        className={contentClass}
        onCloseAutoFocus={(event) => {
          if (opensDialog.current) event.preventDefault();
          opensDialog.current = false;
        }}
      >
        <MessageSubmenu
          label={t("menu.selection")}
          item={t("menu.messageSelection")}
          disabled={selectionCount === 0}
          onSelect={() => {
            opensDialog.current = true;
            onMessageSelection();
          }}
        />
        <MessageSubmenu
          label={t("menu.currentView")}
          item={t("menu.messageAllInView")}
          onSelect={() => {
            opensDialog.current = true;
            onMessageView();
          }}
        />
      </DropdownMenu.Content>
    </DropdownMenu.Root>
  );
}

/** A group of the menu (Selection, Current view) whose submenu holds the one item that opens the message pop-in. */
function MessageSubmenu({ label, item, disabled = false, onSelect }: { label: string; item: string; disabled?: boolean; onSelect(): void }) {
  return (
    <DropdownMenu.Sub>
      <DropdownMenu.SubTrigger className={itemClass}>
        {label}
        <span aria-hidden className="text-muted-foreground">›</span>
      </DropdownMenu.SubTrigger>
      <DropdownMenu.SubContent sideOffset={4} className={contentClass}>
        <DropdownMenu.Item className={itemClass} disabled={disabled} onSelect={onSelect}>
          {item}
        </DropdownMenu.Item>
      </DropdownMenu.SubContent>
    </DropdownMenu.Sub>
  );
}
