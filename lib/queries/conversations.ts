import "server-only";
import { participantName } from "@/lib/messaging/format";
import { createClient } from "@/lib/supabase/server";

export interface ConversationTarget {
  /** null: nobody has written yet; the first reply starts the conversation. */
  threadId: number | null;
  participantId: string;
  participantName: string;
  participantEmail: string;
}

/** A conversation of the event opened by link (`?thread=<id>`), or null when it is not one the user may read. */
export async function getConversationTarget(eventId: string, threadId: number): Promise<ConversationTarget | null> {
  if (!Number.isSafeInteger(threadId) || threadId <= 0) return null;
  const supabase = await createClient();
  // threads has no foreign key to participants (see the messaging migration): two reads.
  const thread = await supabase.from("threads").select("id, participant_id").eq("id", threadId).eq("event_id", eventId).maybeSingle();
  if (thread.error) throw new Error(`could not read the conversation: ${thread.error.message}`);
  if (!thread.data) return null;
  const participant = await supabase
    .from("participants")
    .select("first_name, last_name, email")
    .eq("id", thread.data.participant_id)
    .maybeSingle();
  if (participant.error) throw new Error(`could not read the participant: ${participant.error.message}`);
  if (!participant.data) return null;
  return {
    threadId: thread.data.id,
    participantId: thread.data.participant_id,
    participantName: participantName(participant.data),
    participantEmail: participant.data.email,
  };
}

/** A participant of the event opened by link (`?participant=<id>`), with their conversation when there is one. */
export async function getParticipantTarget(eventId: string, participantId: string): Promise<ConversationTarget | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(participantId)) return null;
  const supabase = await createClient();
  const participant = await supabase
    .from("participants")
    .select("id, first_name, last_name, email")
    .eq("id", participantId)
    .eq("event_id", eventId)
    .maybeSingle();
  if (participant.error) throw new Error(`could not read the participant: ${participant.error.message}`);
  if (!participant.data) return null;
  const thread = await supabase.from("threads").select("id").eq("participant_id", participantId).maybeSingle();
  if (thread.error) throw new Error(`could not read the conversation: ${thread.error.message}`);
  return {
    threadId: thread.data?.id ?? null,
    participantId,
    participantName: participantName(participant.data),
    participantEmail: participant.data.email,
  };
}
