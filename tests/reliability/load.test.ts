// Load: participant sockets (supabase-js Realtime clients, one per participant, each signed in as its participant) on
// their private topic, and the organizers' inbox socket; messages both ways at a fixed rate — organizer → participant
// and participant → organizer alternately, to random participants, sent without waiting for the previous one (so two
// messages of one thread are often in flight together). Every message must reach its participant's socket and the inbox
// exactly once, in order per thread (the order of message ids, which is the order a reload shows).
import os from "node:os";
import { randomUUID } from "node:crypto";
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { subscribed, waitFor } from "../../supabase/local/realtime/testing.ts";
import { eventInboxTopic, participantTopic } from "../../lib/realtime/topics.ts";
import { createReliabilityWorld, percentile, report, signedClient, SIZES, spawnStack, type SeededEvent, type StackProcess, type World } from "./world.ts";

const { sockets: P, rate: RATE, seconds: SECONDS } = SIZES;
const TOTAL = RATE * SECONDS;

interface Delivery {
  id: number;
  thread: number;
  at: number;
}

let world: World;
/** The stack under load runs in its own process, as in development and production: the clients do not share its CPU time. */
let server: StackProcess;
let event: SeededEvent;
let organizer: SupabaseClient;
const participants: { id: string; thread: number; supabase: SupabaseClient; received: Delivery[] }[] = [];
const inbox: Delivery[] = [];
const channels: { supabase: SupabaseClient; channel: RealtimeChannel }[] = [];
/** client_id → when the send started. */
const sentAt = new Map<string, number>();
const latencies: number[] = [];

beforeAll(async () => {
  world = await createReliabilityWorld(inject("cluster"));
  event = await world.seedEvent("load", { participants: P, accounts: P, threads: true });
  const { rows } = await world.sql.query<{ participant_id: string; id: number }>(
    "select participant_id, id::int as id from public.threads where event_id = $1",
    [event.id],
  );
  const threadOf = new Map(rows.map((row) => [row.participant_id, row.id]));
  server = await spawnStack(world.stack.databaseUrl, inject("cluster").password);
  organizer = await signedClient(server.url, server.keys, event.organizer);
  const record = (into: Delivery[]) => ({ payload }: { payload: Record<string, unknown> }) => {
    const at = performance.now();
    into.push({ id: Number(payload.id), thread: Number(payload.thread_id), at });
    const started = sentAt.get(String(payload.client_id));
    if (into === inbox && started !== undefined) latencies.push(at - started);
  };
  const inboxChannel = organizer.channel(eventInboxTopic(event.id), { config: { private: true } }).on("broadcast", { event: "message" }, record(inbox));
  channels.push({ supabase: organizer, channel: inboxChannel });
  await subscribed(inboxChannel);
  // Connect the participant sockets in batches (as an event's audience arrives over minutes, not in one millisecond).
  for (let start = 0; start < P; start += 50) {
    await Promise.all(
      event.participants.slice(start, start + 50).map(async (participantId) => {
        const supabase = await signedClient(server.url, server.keys, event.users.get(participantId) as string);
        const entry = { id: participantId, thread: threadOf.get(participantId) as number, supabase, received: [] as Delivery[] };
        const channel = supabase
          .channel(participantTopic(participantId), { config: { private: true } })
          .on("broadcast", { event: "message" }, record(entry.received));
        channels.push({ supabase, channel });
        await subscribed(channel);
        participants.push(entry);
      }),
    );
  }
}, 300_000);

afterAll(async () => {
  await Promise.all(channels.map(({ supabase, channel }) => supabase.removeChannel(channel)));
  await Promise.all(participants.map(({ supabase }) => supabase.realtime.disconnect()));
  await organizer?.realtime.disconnect();
  server?.kill();
  await world?.stop();
});

describe("load", () => {
  it(`${P} participant sockets, ${RATE} messages/s both ways for ${SECONDS} s: each delivered once, in order per thread`, { timeout: SECONDS * 3000 + 120_000 }, async () => {
    const rpcTimes: number[] = [];
    const failures: string[] = [];
    const pending: PromiseLike<void>[] = [];
    const load = os.loadavg();
    const started = performance.now();
    for (let i = 0; i < TOTAL; i += 1) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const target = participants[Math.floor(Math.random() * participants.length)];
      const fromOrganizer = i % 2 === 0;
      const clientId = randomUUID();
      const sendStarted = performance.now();
      sentAt.set(clientId, sendStarted);
      pending.push(
        (fromOrganizer ? organizer : target.supabase)
          .rpc("post_message", { thread_id: target.thread, body: `load ${i}`, client_id: clientId })
          .then(({ error }) => {
            rpcTimes.push(performance.now() - sendStarted);
            if (error) failures.push(`${error.code} ${error.message}`);
          }),
      );
    }
    await Promise.all(pending);
    const sendSeconds = (performance.now() - started) / 1000;
    expect(failures.slice(0, 5)).toEqual([]);

    await waitFor(
      () => inbox.length >= TOTAL && participants.reduce((sum, p) => sum + p.received.length, 0) >= TOTAL,
      60_000,
      `${TOTAL} deliveries to the inbox and to the participants`,
    );
    const { rows } = await world.sql.query<{ id: number; thread: number }>(
      "select id::int as id, thread_id::int as thread from public.messages where event_id = $1 order by id",
      [event.id],
    );
    expect(rows).toHaveLength(TOTAL);
    // Each participant's socket: exactly its thread's messages, once each, in id order.
    const byThread = new Map<number, number[]>();
    for (const row of rows) byThread.set(row.thread, [...(byThread.get(row.thread) ?? []), row.id]);
    let outOfOrder = 0;
    for (const participant of participants) {
      const got = participant.received.map((d) => d.id);
      const expected = byThread.get(participant.thread) ?? [];
      if (got.join() !== expected.join()) {
        outOfOrder += 1;
        if (outOfOrder <= 3) expect(got, `participant socket of thread ${participant.thread}`).toEqual(expected);
      }
    }
    // The inbox socket: every message once, and in id order within each thread.
    expect(new Set(inbox.map((d) => d.id)).size).toBe(TOTAL);
    expect(inbox).toHaveLength(TOTAL);
    const inboxByThread = new Map<number, number[]>();
    for (const d of inbox) inboxByThread.set(d.thread, [...(inboxByThread.get(d.thread) ?? []), d.id]);
    for (const [thread, ids] of inboxByThread) expect(ids, `inbox order of thread ${thread}`).toEqual(byThread.get(thread));

    const sortedRpc = [...rpcTimes].sort((a, b) => a - b);
    const sortedDelivery = [...latencies].sort((a, b) => a - b);
    const ms = (value: number) => Math.round(value);
    report("load", {
      sockets: P + 1,
      messages: TOTAL,
      targetRate: RATE,
      achievedRate: Math.round(TOTAL / sendSeconds),
      sendRpcMs: { p50: ms(percentile(sortedRpc, 50)), p95: ms(percentile(sortedRpc, 95)), p99: ms(percentile(sortedRpc, 99)), max: ms(sortedRpc.at(-1) ?? 0) },
      deliveryMs: {
        p50: ms(percentile(sortedDelivery, 50)),
        p95: ms(percentile(sortedDelivery, 95)),
        p99: ms(percentile(sortedDelivery, 99)),
        max: ms(sortedDelivery.at(-1) ?? 0),
      },
      loadAverageBefore: load.map((v) => Number(v.toFixed(2))),
      loadAverageAfter: os.loadavg().map((v) => Number(v.toFixed(2))),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    });
  });
});
