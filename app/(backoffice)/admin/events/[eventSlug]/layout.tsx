import type { ReactNode } from "react";
import { EventNav } from "@/components/backoffice/event-nav";
import { EventSwitcher } from "@/components/backoffice/event-switcher";
import { ExternalIcon } from "@/components/backoffice/icons";
import { InboxBadgeSlot } from "@/components/backoffice/inbox-badge-slot";
import { TopBar } from "@/components/backoffice/top-bar";
import { requireUser } from "@/lib/auth";
import { getTranslation } from "@/lib/i18n/server";
import { listMyEvents, requireTeamEvent } from "@/lib/queries/events";
import { getMyProfile } from "@/lib/queries/profile";
import { sitePath } from "@/lib/routes";
import { createClient } from "@/lib/supabase/server";

/** The back-office of one event: top bar with the event switcher, the event's navigation, then the page. */
export default async function EventLayout({ children, params }: { children: ReactNode; params: Promise<{ eventSlug: string }> }) {
  const { eventSlug } = await params;
  const event = await requireTeamEvent(eventSlug, ["organizer", "translator"]);
  const user = await requireUser();
  const [profile, events, { t }] = await Promise.all([
    getMyProfile(),
    listMyEvents(await createClient(), user.id),
    getTranslation("shell"),
  ]);
  const inboxBadge = event.role === "organizer" ? <InboxBadgeSlot eventId={event.id} /> : null;

  return (
    <div className="flex min-h-dvh flex-col">
      <TopBar displayName={profile.displayName}>
        <EventSwitcher current={event} events={events} />
      </TopBar>
      <EventNav slug={event.slug} role={event.role} inboxBadge={inboxBadge} variant="bar" />
      <div className="flex min-h-0 flex-1">
        <aside className="hidden w-60 shrink-0 flex-col border-r border-border bg-surface lg:flex">
          <div className="sticky top-14 flex max-h-[calc(100dvh-3.5rem)] flex-1 flex-col gap-5 overflow-y-auto p-3">
            <div className="px-2.5 pt-2">
              <p className="text-sm font-semibold break-words">{event.name}</p>
              <p className="mt-0.5 text-xs text-muted-foreground">{t(`roles.${event.role}`)}</p>
            </div>
            <EventNav slug={event.slug} role={event.role} inboxBadge={inboxBadge} variant="sidebar" />
            <a
              href={sitePath(event.slug)}
              target="_blank"
              rel="noopener noreferrer"
              className="mt-auto flex items-center gap-2 rounded-control px-2.5 py-2 text-xs text-muted-foreground hover:bg-muted hover:text-foreground"
            >
              <ExternalIcon className="size-3.5" />
              {t("nav.eventSite")}
            </a>
          </div>
        </aside>
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
