"use client";

import { useEffect, useState } from "react";
import type { RealtimeChannel } from "@supabase/supabase-js";
import { useSupabase } from "@/components/supabase-provider";
import { eventPresenceTopic } from "./topics";

// Who has the event site open right now, for the organizers' grid. Convention (the event site follows it): each
// participant tracks on eventPresenceTopic(eventId) with presence key = their participant id and payload
// { participant_id }. Organizers only read; the channel is private (Realtime authorization lets organizers read it).

export interface EventPresence {
  /** Participant ids with at least one event-site page open. */
  connectedIds: ReadonlySet<string>;
  /** True after the first presence sync: before it, "nobody connected" only means "not known yet". */
  ready: boolean;
}

type PresencePayload = {
  participant_id?: unknown;
};

const EMPTY: EventPresence = { connectedIds: new Set(), ready: false };

/** The ids in a channel's presence state: each entry's participant_id, else its key. */
export function connectedIdsOf(state: Record<string, PresencePayload[]>): Set<string> {
  const ids = new Set<string>();
  for (const [key, metas] of Object.entries(state)) {
    if (metas.length === 0) continue;
    const fromPayload = metas.map((meta) => meta.participant_id).find((id): id is string => typeof id === "string");
    ids.add(fromPayload ?? key);
  }
  return ids;
}

const sameIds = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((id) => b.has(id));

export function useEventPresence(eventId: string): EventPresence {
  const supabase = useSupabase();
  const [presence, setPresence] = useState<EventPresence>(EMPTY);

  useEffect(() => {
    let channel: RealtimeChannel | null = null;
    let cancelled = false;
    void (async () => {
      await supabase.realtime.setAuth();
      if (cancelled) return;
      const joined = supabase.channel(eventPresenceTopic(eventId), { config: { private: true } });
      channel = joined;
      const update = () => {
        const ids = connectedIdsOf(joined.presenceState<PresencePayload>());
        setPresence((previous) => (previous.ready && sameIds(previous.connectedIds, ids) ? previous : { connectedIds: ids, ready: true }));
      };
      joined
        .on("presence", { event: "sync" }, update)
        .on("presence", { event: "join" }, update)
        .on("presence", { event: "leave" }, update)
        .subscribe();
    })();
    return () => {
      cancelled = true;
      if (channel) void supabase.removeChannel(channel);
      setPresence(EMPTY);
    };
  }, [supabase, eventId]);

  return presence;
}
