"use client";

import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { z } from "zod";
import { useSupabase } from "@/components/supabase-provider";
import { eventParticipantsTopic, eventPresenceTopic, participantTopic } from "@/lib/realtime/topics";
import { SiteRealtimeContext, type SiteRealtimeEvent, type SiteRealtimeStatus } from "@/lib/realtime/use-site-events";

const messagePayload = z.object({
  thread_id: z.coerce.number(),
  author_side: z.enum(["organizer", "participant"]),
  client_id: z.string().nullable().optional(),
});
const readPayload = z.object({ thread_id: z.coerce.number() });

/**
 * One set of private channels per page for the signed-in participant: their topic (messages, read state), the
 * event's participants topic (broadcasts) and presence on the event (key = participant id, as the back-office grid
 * reads it; several tabs are several metas of one key). Pages and the header listen through useSiteEvents().
 */
export function SiteRealtimeProvider({ eventId, participantId, children }: { eventId: string; participantId: string; children: ReactNode }) {
  const supabase = useSupabase();
  const listeners = useRef(new Set<(event: SiteRealtimeEvent) => void>());
  const [status, setStatus] = useState<SiteRealtimeStatus>("connecting");

  useEffect(() => {
    const emit = (event: SiteRealtimeEvent) => listeners.current.forEach((listener) => listener(event));
    let cancelled = false;
    const channels: ReturnType<typeof supabase.channel>[] = [];

    async function start() {
      // Private channels authorize with the user's token, which the socket only has once setAuth() resolved.
      await supabase.realtime.setAuth();
      if (cancelled) return;

      const mine = supabase
        .channel(participantTopic(participantId), { config: { private: true } })
        .on("broadcast", { event: "message" }, ({ payload }) => {
          const parsed = messagePayload.safeParse(payload);
          if (parsed.success) {
            emit({ kind: "message", threadId: parsed.data.thread_id, authorSide: parsed.data.author_side, clientId: parsed.data.client_id ?? null });
          }
        })
        .on("broadcast", { event: "read" }, ({ payload }) => {
          const parsed = readPayload.safeParse(payload);
          if (parsed.success) emit({ kind: "read", threadId: parsed.data.thread_id });
        })
        .subscribe((state, error) => {
          if (state === "SUBSCRIBED") {
            setStatus("live");
            // Also the first time: anything sent between the server render and now is fetched.
            emit({ kind: "resync" });
          } else if (state === "CHANNEL_ERROR" || state === "TIMED_OUT") {
            if (error) console.warn("[realtime] participant channel:", error.message);
            setStatus("offline");
          }
        });

      const broadcasts = supabase
        .channel(eventParticipantsTopic(eventId), { config: { private: true } })
        .on("broadcast", { event: "broadcast" }, () => emit({ kind: "broadcast" }))
        .subscribe((state) => {
          // A rejoin after a cut: broadcasts may have been missed.
          if (state === "SUBSCRIBED") emit({ kind: "resync" });
        });

      const presence = supabase.channel(eventPresenceTopic(eventId), { config: { private: true, presence: { key: participantId } } });
      presence.subscribe((state) => {
        if (state === "SUBSCRIBED") void presence.track({ participant_id: participantId });
      });
      channels.push(mine, broadcasts, presence);
    }
    void start();

    const resync = () => {
      if (channels[0]?.state === "joined") setStatus("live");
      emit({ kind: "resync" });
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") resync();
    };
    const onOffline = () => setStatus("offline");
    // Back online or back to the tab: the socket may have missed messages while it seemed alive.
    window.addEventListener("online", resync);
    window.addEventListener("offline", onOffline);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      cancelled = true;
      window.removeEventListener("online", resync);
      window.removeEventListener("offline", onOffline);
      document.removeEventListener("visibilitychange", onVisible);
      for (const channel of channels) void supabase.removeChannel(channel);
    };
  }, [supabase, eventId, participantId]);

  const value = useMemo(
    () => ({
      status,
      subscribe(listener: (event: SiteRealtimeEvent) => void) {
        listeners.current.add(listener);
        return () => void listeners.current.delete(listener);
      },
    }),
    [status],
  );
  return <SiteRealtimeContext value={value}>{children}</SiteRealtimeContext>;
}
