"use client";

import { createContext, useContext, useEffect, useRef } from "react";
import type { SiteClient } from "@/lib/site/site-client";

/**
 * What the event site hears from Realtime, for the signed-in participant:
 * - message: a new message in their conversation (either side); the payload only says which, the page fetches it;
 * - read: their conversation was marked read (on this or another screen);
 * - broadcast: organizers sent a message to many participants (maybe them): fetch what is new;
 * - resync: the connection (re)joined, the browser came back online or the tab became visible: catch up from the
 *   database, anything may have been missed.
 */
export type SiteRealtimeEvent =
  | { kind: "message"; threadId: number; authorSide: "organizer" | "participant"; clientId: string | null }
  | { kind: "read"; threadId: number }
  | { kind: "broadcast" }
  | { kind: "resync" };

export type SiteRealtimeStatus = "connecting" | "live" | "offline";

export interface SiteRealtime {
  /** The page's client (PostgREST and Realtime as the participant). */
  client: SiteClient;
  subscribe(listener: (event: SiteRealtimeEvent) => void): () => void;
  status: SiteRealtimeStatus;
}

export const SiteRealtimeContext = createContext<SiteRealtime | null>(null);

/** Calls `listener` for each site Realtime event (no-op outside a signed-in participant's pages). */
export function useSiteEvents(listener: (event: SiteRealtimeEvent) => void): void {
  const realtime = useContext(SiteRealtimeContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => realtime?.subscribe((event) => latest.current(event)), [realtime]);
}

export function useSiteRealtimeStatus(): SiteRealtimeStatus | null {
  return useContext(SiteRealtimeContext)?.status ?? null;
}

/** The site client of the signed-in participant's pages (inside SiteRealtimeProvider). */
export function useSiteClient(): SiteClient {
  const realtime = useContext(SiteRealtimeContext);
  if (!realtime) throw new Error("useSiteClient() must be used inside <SiteRealtimeProvider>");
  return realtime.client;
}
