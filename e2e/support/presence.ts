import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import type { Database } from "../../lib/database.types.ts";
import { eventPresenceTopic } from "../../lib/realtime/topics.ts";
import { DEMO_PARTICIPANT } from "../../scripts/demo.ts";
import { emailProvenClient } from "./admin.ts";

// The demo participant as the event site sees them, from Node: a supabase-js client signed in by a one-time link,
// tracking presence on the event's presence channel by the site's convention (key = participant id, payload
// { participant_id }), and reading the messages they received.

export interface ParticipantSession {
  client: SupabaseClient<Database>;
  participantId: string;
  eventId: string;
  close(): Promise<void>;
}

export async function signInDemoParticipant(): Promise<ParticipantSession> {
  const client = await emailProvenClient(DEMO_PARTICIPANT.email);
  const { data, error: readError } = await client
    .from("participants")
    .select("id, event_id")
    .eq("email", DEMO_PARTICIPANT.email)
    .single();
  if (readError) throw new Error(`the demo participant's record could not be read: ${readError.message}`);
  return {
    client,
    participantId: data.id,
    eventId: data.event_id,
    close: async () => {
      await client.removeAllChannels();
      await client.auth.signOut();
    },
  };
}

export interface TrackedPresence {
  channel: RealtimeChannel;
  untrack(): Promise<void>;
}

/** Joins the event's presence channel and tracks the participant, as an open event-site page does. */
export async function trackPresence(session: ParticipantSession): Promise<TrackedPresence> {
  const { client, participantId, eventId } = session;
  await client.realtime.setAuth();
  const channel = client.channel(eventPresenceTopic(eventId), { config: { private: true, presence: { key: participantId } } });
  await new Promise<void>((resolve, reject) => {
    channel.subscribe((status, err) => {
      if (status === "SUBSCRIBED") resolve();
      else if (status === "CHANNEL_ERROR" || status === "TIMED_OUT") reject(err ?? new Error(`presence channel: ${status}`));
    });
  });
  const tracked = await channel.track({ participant_id: participantId });
  if (tracked !== "ok") throw new Error(`presence track answered ${tracked}`);
  return {
    channel,
    untrack: async () => {
      await channel.untrack();
    },
  };
}

/** How many messages with this exact text the participant can read (their conversations). */
export async function receivedCount(session: ParticipantSession, body: string): Promise<number> {
  const { count, error } = await session.client
    .from("conversation_messages")
    .select("id", { count: "exact", head: true })
    .eq("body", body);
  if (error) throw new Error(`could not read the participant's messages: ${error.message}`);
  return count ?? 0;
}
