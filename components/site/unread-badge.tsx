"use client";

import { useTexts } from "@/components/texts-provider";
import { useSiteUnread } from "@/lib/realtime/use-site-unread";

/** The header's unread count, live. Nothing when everything is read. */
export function UnreadBadge({ eventId, initial }: { eventId: string; initial: number }) {
  const { t } = useTexts("site");
  const count = useSiteUnread(eventId, initial);
  if (count === 0) return null;
  return (
    <span
      role="status"
      aria-label={t("header.unread", { count })}
      data-testid="unread-badge"
      className="grid h-5 min-w-5 place-items-center rounded-full bg-primary px-1.5 text-[11px] leading-none font-semibold text-primary-foreground tabular-nums"
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}
