"use client";

import { useEffect, useRef } from "react";
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";

/** One broadcast received on a topic: its event name ("message", "broadcast", "read") and payload. */
export interface TopicEvent {
  event: string;
  payload: Record<string, unknown>;
}

export interface TopicListener {
  onEvent(event: TopicEvent): void;
  /** After every (re)join: fetch what may have been missed while not subscribed. */
  onSubscribed?(): void;
}

interface Entry {
  channel: RealtimeChannel;
  listeners: Set<TopicListener>;
  joined: boolean;
  removeTimer: ReturnType<typeof setTimeout> | null;
}

// supabase-js keeps one channel per topic per client: components of a page that listen to the same topic (the inbox
// list, its badge, an open conversation) share it here, and the last one to leave removes it.
const entries = new Map<string, Entry>();

function acquire(supabase: SupabaseClient, topic: string, listener: TopicListener): () => void {
  let entry = entries.get(topic);
  if (entry) {
    if (entry.removeTimer) clearTimeout(entry.removeTimer);
    entry.removeTimer = null;
    entry.listeners.add(listener);
    if (entry.joined) listener.onSubscribed?.();
  } else {
    const channel = supabase.channel(topic, { config: { private: true } });
    const created: Entry = { channel, listeners: new Set([listener]), joined: false, removeTimer: null };
    entry = created;
    entries.set(topic, created);
    channel.on("broadcast", { event: "*" }, (message: { event: string; payload?: Record<string, unknown> }) => {
      for (const each of created.listeners) each.onEvent({ event: message.event, payload: message.payload ?? {} });
    });
    // Private channels: Realtime authorizes the join with the user's access token.
    // (Without a session the join is refused, like any unauthorized one; supabase-js renews the token on refresh.)
    void supabase.realtime
      .setAuth()
      .catch(() => undefined)
      .then(() =>
        channel.subscribe((status) => {
          created.joined = status === "SUBSCRIBED";
          if (created.joined) for (const each of created.listeners) each.onSubscribed?.();
        }),
      );
  }
  const current = entry;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size > 0) return;
    // Deferred: a component remounting at once (React strict mode, a re-render with new props) keeps the channel.
    current.removeTimer = setTimeout(() => {
      if (current.listeners.size > 0 || entries.get(topic) !== current) return;
      entries.delete(topic);
      void supabase.removeChannel(current.channel);
    }, 1000);
  };
}

/**
 * Listens to a private Realtime topic (names from lib/realtime/topics.ts) while the component is mounted; null listens
 * to nothing. Handlers may change between renders without resubscribing.
 */
export function useTopic(supabase: SupabaseClient, topic: string | null, listener: TopicListener) {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    if (!topic) return;
    return acquire(supabase, topic, {
      onEvent: (event) => latest.current.onEvent(event),
      onSubscribed: () => latest.current.onSubscribed?.(),
    });
  }, [supabase, topic]);
}
