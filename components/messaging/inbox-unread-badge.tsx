"use client";

import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSupabase } from "@/components/supabase-provider";
import { fetchInboxUnreadCount } from "@/lib/messaging/inbox";
import { eventInboxTopic } from "@/lib/realtime/topics";
import { useTopic } from "@/lib/realtime/use-topic";

/**
 * The navigation's count of conversations with unread participant messages, kept live (new messages and read state on
 * the event's inbox topic). Renders nothing at zero. `initialCount`: lib/queries/inbox.ts getInboxUnreadCount().
 */
export function InboxUnreadBadge({ eventId, initialCount }: { eventId: string; initialCount: number }) {
  const { t } = useTranslation("messaging");
  const supabase = useSupabase();
  const [count, setCount] = useState(initialCount);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  function recount() {
    if (timer.current) clearTimeout(timer.current);
    // Coalesces bursts (a broadcast, several replies) into one query.
    timer.current = setTimeout(() => {
      fetchInboxUnreadCount(supabase, eventId).then(setCount, () => undefined);
    }, 300);
  }

  useTopic(supabase, eventInboxTopic(eventId), {
    onEvent: ({ event, payload }) => {
      if ((event === "message" && payload.author_side === "participant") || (event === "read" && payload.side === "organizer")) recount();
    },
    onSubscribed: recount,
  });

  if (count <= 0) return null;
  return (
    <span
      className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground tabular-nums"
      data-testid="inbox-unread-badge"
    >
      <span aria-hidden>{count > 99 ? "99+" : count}</span>
      <span className="sr-only">{t("badge.label", { count })}</span>
    </span>
  );
}
