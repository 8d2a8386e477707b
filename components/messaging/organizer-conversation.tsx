"use client";

// PLACEHOLDER (grid branch): the conversations helper writes the real component with this exact signature; this file is
// replaced at merge. It only lets the participant window's Messages tab compile and render.
export function OrganizerConversation({
  eventId,
  participantId,
  participantName,
}: {
  eventId: string;
  participantId: string;
  participantName: string;
}) {
  return (
    <div data-testid="organizer-conversation" data-event-id={eventId} data-participant-id={participantId} className="text-sm text-muted-foreground">
      {participantName}
    </div>
  );
}
