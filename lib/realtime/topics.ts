// Private Realtime topics of the app. The database authorizes them (private.can_read_topic / can_write_topic in
// supabase/migrations/20261125120400_create_realtime_authorization.sql) and its functions broadcast on them; the names
// here must stay in step with that migration.

/** The participant: their new messages and unread badge. Event "message", "read". */
export const participantTopic = (participantId: string) => `participant:${participantId}`;

/** Participants of an event: "a broadcast went out" (event "broadcast"); each fetches what it received. */
export const eventParticipantsTopic = (eventId: string) => `event:${eventId}:participants`;

/** Organizers of an event: new messages, broadcasts and read state for the inbox and its badges. */
export const eventInboxTopic = (eventId: string) => `event:${eventId}:inbox`;

/** A conversation, for whoever has it open: its organizers and its participant. Event "message". */
export const threadTopic = (threadId: number | string) => `thread:${threadId}`;

/** Presence on the event site: participants track themselves; only organizers see who is connected. */
export const eventPresenceTopic = (eventId: string) => `event:${eventId}:presence`;
