import { InboxUnreadBadge } from "@/components/messaging/inbox-unread-badge";
import { getInboxUnreadCount } from "@/lib/queries/inbox";

/** The unread badge beside "Participants messages" in the event navigation: read on the server, then kept live. */
export async function InboxBadgeSlot({ eventId }: { eventId: string }) {
  return <InboxUnreadBadge eventId={eventId} initialCount={await getInboxUnreadCount(eventId)} />;
}
