"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSupabase } from "@/components/supabase-provider";
import { OrganizerConversation } from "@/components/messaging/organizer-conversation";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { formatFull, formatShort } from "@/lib/messaging/format";
import { fetchInboxPage, mergeInbox, type InboxFilter, type InboxRow } from "@/lib/messaging/inbox";
import { eventInboxTopic } from "@/lib/realtime/topics";
import { useTopic } from "@/lib/realtime/use-topic";
import { participantsPath } from "@/lib/routes";

export interface SelectedConversation {
  threadId: number | null;
  participantId: string;
  participantName: string;
  participantEmail: string;
}

/** The inbox's query string for this filter and conversation (the page reads the same parameters). */
function inboxUrl(filter: InboxFilter, threadId: number | null, participantId: string | null = null): string {
  const params = new URLSearchParams();
  if (filter.search.trim()) params.set("q", filter.search.trim());
  if (filter.unreadOnly) params.set("unread", "1");
  if (threadId) params.set("thread", String(threadId));
  else if (participantId) params.set("participant", participantId);
  return `?${params.toString()}`;
}

/**
 * The inbox: conversations newest activity first, search, "Unread only", "Load more", live; the opened conversation
 * beside the list on wide screens, in its place on narrow ones.
 */
export function InboxView({
  eventId,
  eventSlug,
  initialFilter,
  initialPage,
  initialSelected,
}: {
  eventId: string;
  eventSlug: string;
  initialFilter: InboxFilter;
  initialPage: { rows: InboxRow[]; hasMore: boolean };
  initialSelected: SelectedConversation | null;
}) {
  const { t, i18n } = useTranslation("messaging");
  const supabase = useSupabase();
  const searchParams = useSearchParams();
  const [filter, setFilter] = useState<InboxFilter>(initialFilter);
  const [searchInput, setSearchInput] = useState(initialFilter.search);
  const [rows, setRows] = useState<InboxRow[]>(initialPage.rows);
  const [hasMore, setHasMore] = useState(initialPage.hasMore);
  const [loadingMore, setLoadingMore] = useState(false);
  const [failed, setFailed] = useState(false);
  const [note, setNote] = useState("");
  const request = useRef(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const selectedId = Number(searchParams.get("thread")) || null;
  const selectedRow = rows.find((row) => row.threadId === selectedId);
  const selectedParticipant = searchParams.get("participant");
  const selected: SelectedConversation | null = selectedRow
    ? {
        threadId: selectedRow.threadId,
        participantId: selectedRow.participantId,
        participantName: selectedRow.name,
        participantEmail: selectedRow.email,
      }
    : initialSelected &&
        (selectedId ? initialSelected.threadId === selectedId : initialSelected.participantId === selectedParticipant)
      ? initialSelected
      : null;

  /** Reloads the first page (a new filter, or a live change) and merges it into what is loaded. */
  async function refresh(next: InboxFilter, replace: boolean) {
    const id = ++request.current;
    try {
      const page = await fetchInboxPage(supabase, eventId, next);
      if (id !== request.current) return;
      setFailed(false);
      if (replace) {
        setRows(page.rows);
        setHasMore(page.hasMore);
      } else {
        setRows((current) => mergeInbox(current, page.rows, !page.hasMore));
        if (!page.hasMore) setHasMore(false);
      }
    } catch {
      if (id === request.current) setFailed(true);
    }
  }

  function scheduleRefresh() {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => void refresh(filter, false), 150);
  }
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  function applyFilter(next: InboxFilter) {
    setFilter(next);
    window.history.replaceState(null, "", inboxUrl(next, selectedId, selectedParticipant));
    void refresh(next, true);
  }

  // Search as the user types, debounced.
  useEffect(() => {
    if (searchInput === filter.search) return;
    const timer = setTimeout(() => applyFilter({ ...filter, search: searchInput }), 250);
    return () => clearTimeout(timer);
  });

  useTopic(supabase, eventInboxTopic(eventId), {
    onEvent: ({ event, payload }) => {
      if (event === "message") scheduleRefresh();
      if (event === "broadcast") {
        scheduleRefresh();
        const count = typeof payload.recipient_count === "number" ? payload.recipient_count : 0;
        setNote(t("inbox.broadcastSent", { count }));
      }
      if (event === "read" && payload.side === "organizer") {
        setRows((current) => current.map((row) => (row.threadId === payload.thread_id ? { ...row, unread: false } : row)));
      }
    },
    onSubscribed: scheduleRefresh,
  });

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(""), 8000);
    return () => clearTimeout(timer);
  }, [note]);

  async function loadMore() {
    const last = rows[rows.length - 1];
    if (!last) return;
    setLoadingMore(true);
    try {
      const page = await fetchInboxPage(supabase, eventId, filter, { before: last.lastMessageId });
      setRows((current) => {
        const known = new Set(current.map((row) => row.threadId));
        return [...current, ...page.rows.filter((row) => !known.has(row.threadId))];
      });
      setHasMore(page.hasMore);
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setLoadingMore(false);
    }
  }

  function open(event: MouseEvent<HTMLAnchorElement>, row: InboxRow) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    // The conversation marks itself read; the marker goes at once.
    setRows((current) => current.map((r) => (r.threadId === row.threadId ? { ...r, unread: false } : r)));
    window.history.pushState(null, "", inboxUrl(filter, row.threadId));
  }

  function close() {
    window.history.pushState(null, "", inboxUrl(filter, null));
  }

  const filtered = filter.search.trim() !== "" || filter.unreadOnly;
  const searchId = "inbox-search";

  return (
    <Card className="flex h-[calc(100dvh-11rem)] min-h-[30rem] overflow-hidden">
      {/* The list */}
      <div
        className={cn(
          "min-h-0 w-full flex-col border-border md:flex md:w-80 md:shrink-0 md:border-r lg:w-96",
          selected ? "hidden" : "flex",
        )}
      >
        <div className="space-y-2 border-b border-border p-3">
          <label htmlFor={searchId} className="sr-only">
            {t("inbox.searchLabel")}
          </label>
          <Input
            id={searchId}
            type="search"
            value={searchInput}
            maxLength={200}
            placeholder={t("inbox.searchPlaceholder")}
            onChange={(event) => setSearchInput(event.target.value)}
            className="h-9"
          />
          <label className="flex w-fit cursor-pointer items-center gap-2 text-sm select-none">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={filter.unreadOnly}
              onChange={(event) => applyFilter({ ...filter, search: searchInput, unreadOnly: event.target.checked })}
            />
            {t("inbox.unreadOnly")}
          </label>
        </div>
        <p role="status" className={cn("border-b border-border bg-muted px-3 py-1.5 text-xs text-muted-foreground", !note && "sr-only")}>
          {note}
        </p>
        {failed ? (
          <div className="p-3">
            <Alert tone="error">{t("inbox.loadFailed")}</Alert>
          </div>
        ) : null}
        <div className="min-h-0 flex-1 overflow-y-auto">
          {rows.length === 0 ? (
            <div className="flex flex-col items-center px-6 py-14 text-center" data-testid="inbox-empty">
              <p className="font-medium">{filtered ? t("inbox.noMatch") : t("inbox.empty")}</p>
              <p className="mt-1 text-sm text-muted-foreground">{filtered ? t("inbox.noMatchHint") : t("inbox.emptyHint")}</p>
              {filtered ? (
                <Button
                  variant="secondary"
                  size="sm"
                  className="mt-4"
                  onClick={() => {
                    setSearchInput("");
                    applyFilter({ search: "", unreadOnly: false });
                  }}
                >
                  {t("inbox.clearFilters")}
                </Button>
              ) : null}
            </div>
          ) : (
            <ul aria-label={t("inbox.listLabel")} className="divide-y divide-border">
              {rows.map((row) => {
                const current = selected !== null && row.participantId === selected.participantId;
                const date = new Date(row.lastMessageAt);
                return (
                  <li key={row.threadId} data-testid="inbox-row" data-unread={row.unread ? "true" : "false"} data-thread-id={row.threadId}>
                    <a
                      href={inboxUrl(filter, row.threadId)}
                      onClick={(event) => open(event, row)}
                      aria-current={current ? "true" : undefined}
                      className={cn(
                        "relative block px-4 py-3 transition-colors hover:bg-muted focus-visible:-outline-offset-2",
                        current && "bg-primary/8 hover:bg-primary/10",
                      )}
                    >
                      {current ? <span aria-hidden className="absolute inset-y-0 left-0 w-0.5 bg-primary" /> : null}
                      <span className="flex items-baseline gap-2">
                        <span className={cn("min-w-0 flex-1 truncate text-sm", row.unread ? "font-semibold" : "font-medium")}>
                          {row.name}
                        </span>
                        <time
                          dateTime={row.lastMessageAt}
                          title={formatFull(date, i18n.language)}
                          suppressHydrationWarning
                          className={cn("shrink-0 text-xs tabular-nums", row.unread ? "font-medium text-primary" : "text-muted-foreground")}
                        >
                          {formatShort(date, i18n.language, { yesterday: t("conversation.yesterday") })}
                        </time>
                      </span>
                      <span className="mt-0.5 flex items-center gap-2">
                        <span className={cn("min-w-0 flex-1 truncate text-sm", row.unread ? "text-foreground" : "text-muted-foreground")}>
                          {row.lastMessageSide === "organizer" ? <span className="text-muted-foreground">{t("inbox.teamPrefix")} </span> : null}
                          {row.preview}
                        </span>
                        {row.unread ? (
                          <span className="size-2.5 shrink-0 rounded-full bg-primary" data-testid="unread-marker">
                            <span className="sr-only">{t("inbox.unread")}</span>
                          </span>
                        ) : null}
                      </span>
                    </a>
                  </li>
                );
              })}
            </ul>
          )}
          {hasMore && rows.length > 0 ? (
            <div className="flex justify-center border-t border-border p-3">
              <Button variant="secondary" size="sm" onClick={() => void loadMore()} disabled={loadingMore}>
                {loadingMore ? t("inbox.loadingMore") : t("inbox.loadMore")}
              </Button>
            </div>
          ) : null}
        </div>
      </div>

      {/* The conversation */}
      <div className={cn("min-h-0 min-w-0 flex-1 flex-col", selected ? "flex" : "hidden md:flex")}>
        {selected ? (
          <>
            <div className="flex items-center gap-2 border-b border-border px-3 py-2.5 sm:px-5">
              <Button variant="ghost" size="sm" className="-ml-1 shrink-0 px-2 md:hidden" onClick={close}>
                <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                  <path d="m15 18-6-6 6-6" />
                </svg>
                <span className="sr-only">{t("inbox.back")}</span>
              </Button>
              <div className="min-w-0 flex-1">
                <h2 className="truncate font-semibold" data-testid="conversation-title">
                  {selected.participantName}
                </h2>
                {selected.participantEmail ? <p className="truncate text-xs text-muted-foreground">{selected.participantEmail}</p> : null}
              </div>
              <Link
                href={`${participantsPath(eventSlug)}?participant=${encodeURIComponent(selected.participantId)}&tab=messages`}
                aria-label={t("inbox.openInGrid")}
                title={t("inbox.openInGrid")}
                className={buttonClasses({ variant: "secondary", size: "sm", className: "shrink-0 px-2 sm:px-3" })}
              >
                <svg aria-hidden viewBox="0 0 24 24" className="size-4 sm:hidden" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
                  <path d="M19 21v-2a4 4 0 0 0-4-4H9a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8" />
                </svg>
                <span className="hidden sm:inline">{t("inbox.openInGrid")}</span>
              </Link>
            </div>
            <div className="min-h-0 flex-1">
              <OrganizerConversation
                key={selected.participantId}
                eventId={eventId}
                participantId={selected.participantId}
                participantName={selected.participantName}
              />
            </div>
          </>
        ) : (
          <div className="m-auto max-w-xs px-6 text-center">
            <p className="font-medium">{t("inbox.selectTitle")}</p>
            <p className="mt-1 text-sm text-muted-foreground">{t("inbox.selectHint")}</p>
          </div>
        )}
      </div>
    </Card>
  );
}
