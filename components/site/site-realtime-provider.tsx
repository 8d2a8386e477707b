"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { parseMessageNotice, parseReadNotice } from "@/lib/realtime/site-payloads";
import { eventParticipantsTopic, eventPresenceTopic, participantTopic } from "@/lib/realtime/topics";
import { SiteRealtimeContext, type SiteRealtimeEvent, type SiteRealtimeStatus } from "@/lib/realtime/use-site-events";
import { createSiteClient, tokenRefreshDelay } from "@/lib/site/site-client";

/**
 * One set of private channels per page for the signed-in participant: their topic (messages, read state), the
 * event's participants topic (broadcasts) and presence on the event (key = participant id, as the back-office grid
 * reads it; several tabs are several metas of one key). Pages and the header listen through useSiteEvents().
 */
export function SiteRealtimeProvider({
  eventId,
  participantId,
  url,
  publishableKey,
  accessToken,
  children,
}: {
  eventId: string;
  participantId: string;
  url: string;
  publishableKey: string;
  /** The participant's access token, rendered by the server; a server refresh brings the next one. */
  accessToken: string;
  children: ReactNode;
}) {
  const router = useRouter();
  // One client per page, created with the first token; later tokens are handed to it.
  const [client] = useState(() => createSiteClient({ url, publishableKey, accessToken }));
  const { realtime } = client;
  const listeners = useRef(new Set<(event: SiteRealtimeEvent) => void>());
  const [status, setStatus] = useState<SiteRealtimeStatus>("connecting");

  useEffect(() => {
    const emit = (event: SiteRealtimeEvent) => listeners.current.forEach((listener) => listener(event));
    let cancelled = false;
    const channels: ReturnType<typeof realtime.channel>[] = [];

    async function start() {
      // Private channels authorize with the user's token, which the socket only has once setAuth() resolved.
      await realtime.setAuth();
      if (cancelled) return;

      const mine = realtime
        .channel(participantTopic(participantId), { config: { private: true } })
        .on("broadcast", { event: "message" }, ({ payload }) => {
          const notice = parseMessageNotice(payload);
          if (notice) emit({ kind: "message", ...notice });
        })
        .on("broadcast", { event: "read" }, ({ payload }) => {
          const notice = parseReadNotice(payload);
          if (notice) emit({ kind: "read", ...notice });
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

      const broadcasts = realtime
        .channel(eventParticipantsTopic(eventId), { config: { private: true } })
        .on("broadcast", { event: "broadcast" }, () => emit({ kind: "broadcast" }))
        .subscribe((state) => {
          // A rejoin after a cut: broadcasts may have been missed.
          if (state === "SUBSCRIBED") emit({ kind: "resync" });
        });

      const presence = realtime.channel(eventPresenceTopic(eventId), { config: { private: true, presence: { key: participantId } } });
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
      for (const channel of channels) void realtime.removeChannel(channel);
    };
  }, [realtime, eventId, participantId]);

  // A new token from the server render goes to the client; shortly before it expires, the server is asked for the next
  // one (a refresh of the page's server components, which also brings their data up to date).
  useEffect(() => {
    client.setAccessToken(accessToken);
    const delay = tokenRefreshDelay(accessToken);
    if (delay === null) return;
    // Asked again every 30 s until a new token arrives (this effect then starts over).
    let timer = setTimeout(function ask() {
      router.refresh();
      timer = setTimeout(ask, 30_000);
    }, delay);
    // Timers sleep with the phone: back to the page with an expiring token, refresh at once.
    const onVisible = () => {
      if (document.visibilityState === "visible" && tokenRefreshDelay(accessToken) === 0) router.refresh();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [client, accessToken, router]);

  const value = useMemo(
    () => ({
      client,
      status,
      subscribe(listener: (event: SiteRealtimeEvent) => void) {
        listeners.current.add(listener);
        return () => void listeners.current.delete(listener);
      },
    }),
    [client, status],
  );
  return <SiteRealtimeContext value={value}>{children}</SiteRealtimeContext>;
}
