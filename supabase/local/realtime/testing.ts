import { createClient, type RealtimeChannel, type SupabaseClient } from "@supabase/supabase-js";
import type { StackKeys } from "../keys.ts";

// Helpers for Realtime conformance tests and the benchmark: the real supabase-js client against a running stack.

export interface ClientOptions {
  /** The API key given to createClient (default: the publishable key). */
  key?: string;
  /** A user's access token, handed to the client through the `accessToken` option. */
  token?: string;
  vsn?: "1.0.0" | "2.0.0";
  heartbeatIntervalMs?: number;
}

export function realtimeClient(url: string, keys: StackKeys, options: ClientOptions = {}): SupabaseClient {
  const token = options.token;
  return createClient(url, options.key ?? keys.publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    ...(token ? { accessToken: async () => token } : {}),
    realtime: {
      ...(options.vsn ? { vsn: options.vsn } : {}),
      ...(options.heartbeatIntervalMs ? { heartbeatIntervalMs: options.heartbeatIntervalMs } : {}),
    },
  });
}

export interface SubscribeOutcome {
  status: string;
  error?: Error;
}

/** The first status `subscribe()` reports. */
export function subscribeOutcome(channel: RealtimeChannel): Promise<SubscribeOutcome> {
  return new Promise((resolve) => {
    let done = false;
    channel.subscribe((status, error) => {
      if (done) return;
      done = true;
      resolve({ status, error });
    });
  });
}

export async function subscribed(channel: RealtimeChannel): Promise<RealtimeChannel> {
  const outcome = await subscribeOutcome(channel);
  if (outcome.status !== "SUBSCRIBED") {
    throw new Error(`subscribe() reported ${outcome.status}: ${outcome.error?.message ?? ""}`);
  }
  return channel;
}

/** Polls until `check` returns a truthy value. */
export async function waitFor<T>(check: () => T | null | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface BroadcastMessage {
  type: string;
  event: string;
  payload: Record<string, unknown>;
  meta?: { id?: string };
}

/** Records the broadcasts a channel receives (register before subscribing). */
export function recordBroadcasts(channel: RealtimeChannel, event = "*"): BroadcastMessage[] {
  const received: BroadcastMessage[] = [];
  channel.on("broadcast", { event }, (message) => {
    received.push({
      type: String(message.type),
      event: String(message.event),
      payload: message.payload as Record<string, unknown>,
      ...(message.meta ? { meta: message.meta as { id?: string } } : {}),
    });
  });
  return received;
}
