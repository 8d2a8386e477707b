/**
 * The unread badge beside "Participants messages" in the event navigation. Renders nothing for now: the inbox's
 * unread count is wired here by the messaging work.
 */
export async function InboxBadgeSlot({ eventId }: { eventId: string }) {
  void eventId;
  return null;
}
