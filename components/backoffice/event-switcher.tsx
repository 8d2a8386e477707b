"use client";

import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useTranslation } from "react-i18next";
import type { MyEvent } from "@/lib/queries/events";
import { cn } from "@/components/ui/cn";
import { eventHomePath } from "./event-links";
import { CheckIcon, ChevronIcon } from "./icons";

/** The current event's name; with several events, a menu to switch to another one (with the role in each). */
export function EventSwitcher({ current, events }: { current: MyEvent; events: MyEvent[] }) {
  const { t } = useTranslation("shell");
  if (events.length < 2) {
    return (
      <span className="min-w-0 truncate text-sm font-medium" data-testid="current-event">
        {current.name}
      </span>
    );
  }
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger
        className="flex h-8 min-w-0 items-center gap-1.5 rounded-control px-2 text-sm font-medium hover:bg-muted data-[state=open]:bg-muted"
      >
        <span className="truncate" data-testid="current-event">
          {current.name}
        </span>
        <span className="sr-only"> {t("topBar.eventSwitcher")}</span>
        <ChevronIcon className="size-4 shrink-0 text-muted-foreground" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Content
        align="start"
        sideOffset={6}
        className="z-50 w-72 max-w-[calc(100vw-1rem)] rounded-card border border-border bg-surface p-1 shadow-card"
      >
        <DropdownMenu.Label className="px-2.5 py-1.5 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          {t("topBar.yourEvents")}
        </DropdownMenu.Label>
        {events.map((event) => (
          <DropdownMenu.Item key={event.id} asChild>
            <Link
              href={eventHomePath(event.slug, event.role)}
              aria-current={event.id === current.id ? "page" : undefined}
              className={cn(
                "flex items-center gap-2 rounded-[calc(var(--radius-control)-2px)] px-2.5 py-2 text-sm focus-visible:-outline-offset-2",
                "data-[highlighted]:bg-muted",
              )}
            >
              <CheckIcon className={cn("size-4 shrink-0 text-primary", event.id !== current.id && "invisible")} />
              <span className="min-w-0 flex-1 truncate">{event.name}</span>
              <span className="shrink-0 rounded-full bg-muted px-2 py-0.5 text-xs text-muted-foreground">{t(`roles.${event.role}`)}</span>
            </Link>
          </DropdownMenu.Item>
        ))}
      </DropdownMenu.Content>
    </DropdownMenu.Root>
  );
}
