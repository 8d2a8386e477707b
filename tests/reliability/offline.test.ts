// A participant whose connection drops (flaky venue Wi-Fi) catches up on return: the client of the event site keeps the
// last message id it saw, and on reconnecting subscribes again and fetches the messages after it. Generated sequences
// (fast-check) of organizer messages, participant answers, broadcasts, disconnects and reconnects; at the end the
// participant's view equals its conversation in the database: complete, in order, no duplicates — and no message was
// delivered twice live.
import fc from "fast-check";
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { subscribed, waitFor } from "../../supabase/local/realtime/testing.ts";
import { eventParticipantsTopic, participantTopic } from "../../lib/realtime/topics.ts";
import { createReliabilityWorld, report, SIZE, SIZES, type SeededEvent, type World } from "./world.ts";

const RUNS = SIZE === "large" ? 10 : 4;
let world: World;
let event: SeededEvent;
let organizer: SupabaseClient;
let threadOf: Map<string, number>;

beforeAll(async () => {
  world = await createReliabilityWorld(inject("cluster"));
  event = await world.seedEvent("offline", { participants: RUNS + 2, accounts: RUNS + 2, threads: true });
  organizer = await world.client(event.organizer);
  const { rows } = await world.sql.query<{ participant_id: string; id: number }>(
    "select participant_id, id::int as id from public.threads where event_id = $1",
    [event.id],
  );
  threadOf = new Map(rows.map((row) => [row.participant_id, row.id]));
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

type Step = { kind: "organizer" } | { kind: "participant" } | { kind: "broadcast" } | { kind: "offline" } | { kind: "online" };

interface Seen {
  id: number;
  body: string;
}

/** The event site's messaging client, reduced to what catch-up needs. */
class ParticipantView {
  readonly messages = new Map<number, Seen>();
  lastId = 0;
  liveDeliveries = 0;
  duplicatesLive = 0;
  outOfOrderLive = 0;
  #channels: RealtimeChannel[] = [];
  #subscriptionLastLive = 0;
  #subscriptionIds = new Set<number>();
  readonly supabase: SupabaseClient;
  readonly participantId: string;
  readonly threadId: number;

  constructor(supabase: SupabaseClient, participantId: string, threadId: number) {
    this.supabase = supabase;
    this.participantId = participantId;
    this.threadId = threadId;
  }

  readonly trace: string[] = [];

  #add(message: Seen, how: string): void {
    this.trace.push(`${how}:${message.id}`);
    if (!this.messages.has(message.id)) this.messages.set(message.id, message);
    this.lastId = Math.max(this.lastId, message.id);
  }

  async subscribe(): Promise<void> {
    this.#subscriptionLastLive = 0;
    this.#subscriptionIds = new Set();
    const mine = this.supabase
      .channel(participantTopic(this.participantId), { config: { private: true } })
      .on("broadcast", { event: "message" }, ({ payload }) => {
        const id = Number(payload.id);
        this.liveDeliveries += 1;
        if (this.#subscriptionIds.has(id)) this.duplicatesLive += 1;
        if (id <= this.#subscriptionLastLive) this.outOfOrderLive += 1;
        this.#subscriptionIds.add(id);
        this.#subscriptionLastLive = Math.max(this.#subscriptionLastLive, id);
        this.#add({ id, body: String(payload.body) }, "live");
      });
    // A broadcast is announced to the event's participants; each fetches what it received.
    const everyone = this.supabase
      .channel(eventParticipantsTopic(event.id), { config: { private: true } })
      .on("broadcast", { event: "broadcast" }, () => void this.catchUp());
    this.#channels = [mine, everyone];
    await Promise.all(this.#channels.map((channel) => subscribed(channel)));
  }

  /** Fetches the conversation after `after` (by default the highest id seen so far). */
  async catchUp(after = this.lastId): Promise<void> {
    const { data, error } = await this.supabase
      .from("conversation_messages")
      .select("id, body")
      .eq("thread_id", this.threadId)
      .gt("id", after)
      .order("id");
    if (error) throw new Error(error.message);
    this.trace.push(`fetch>${after}:${(data as Seen[]).length}`);
    for (const row of data as Seen[]) this.#add(row, "fetched");
  }

  async goOffline(): Promise<void> {
    this.trace.push("offline");
    await Promise.all(this.#channels.map((channel) => this.supabase.removeChannel(channel)));
    await this.supabase.realtime.disconnect();
  }

  async goOnline(): Promise<void> {
    this.trace.push("online");
    // The cursor is taken BEFORE subscribing again: Realtime delivers with a lag, so a message committed while offline
    // can arrive live on the new subscription before the catch-up runs, with an id above messages that were missed.
    const since = this.lastId;
    this.supabase.realtime.connect();
    await this.subscribe();
    await this.catchUp(since);
  }
}

describe("participant offline during sends", () => {
  it(`catches up on return, in order, without duplicates (${RUNS} generated sequences)`, { timeout: 120_000 }, async () => {
    const stepArb: fc.Arbitrary<Step> = fc.constantFrom<Step>(
      { kind: "organizer" },
      { kind: "organizer" },
      { kind: "participant" },
      { kind: "broadcast" },
      { kind: "offline" },
      { kind: "online" },
    );
    let run = 0;
    const figures: { steps: number; offlineSends: number; caughtUp: number }[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: SIZES.offlineSends / 4, maxLength: SIZES.offlineSends / 2 }), async (steps) => {
        const participantId = event.participants[run];
        run += 1;
        const threadId = threadOf.get(participantId) as number;
        const supabase = await world.client(event.users.get(participantId) as string);
        const view = new ParticipantView(supabase, participantId, threadId);
        await view.subscribe();
        let online = true;
        let offlineSends = 0;
        let caughtUp = 0;
        const reconnect = async () => {
          const before = view.messages.size;
          await view.goOnline();
          caughtUp += view.messages.size - before;
        };
        try {
          for (const [i, step] of steps.entries()) {
            if (step.kind === "offline" && online) {
              await view.goOffline();
              online = false;
            } else if (step.kind === "online" && !online) {
              await reconnect();
              online = true;
            } else if (step.kind === "organizer" || step.kind === "participant" || step.kind === "broadcast") {
              if (!online) offlineSends += 1;
              const body = `${step.kind} ${i} ${randomUUID().slice(0, 8)}`;
              const answer =
                step.kind === "broadcast"
                  ? await organizer.rpc("send_broadcast", {
                      target_event_id: event.id,
                      body,
                      audience: { kind: "selection", participantIds: [participantId, event.participants[RUNS + 1]] },
                      idempotency_key: randomUUID(),
                    })
                  : await (step.kind === "organizer" ? organizer : supabase).rpc("post_message", { thread_id: threadId, body, client_id: randomUUID() });
              expect(answer.error).toBeNull();
            }
          }
          if (!online) await reconnect();
          const { rows } = await world.sql.query<Seen>(
            "select id::int as id, body from public.conversation_messages where thread_id = $1 order by id",
            [threadId],
          );
          await waitFor(() => view.messages.size >= rows.length, 10_000, `the participant has all ${rows.length} messages`).catch((error: unknown) => {
            const missing = rows.filter((row) => !view.messages.has(row.id)).map((row) => `${row.id} ${row.body}`);
            throw new Error(`${String(error)}; missing: ${missing.join(", ")}; last id seen ${view.lastId}; trace ${view.trace.join(" ")}`);
          });
          const shown = [...view.messages.values()].sort((a, b) => a.id - b.id);
          expect(shown).toEqual(rows);
          expect(view.duplicatesLive).toBe(0);
          expect(view.outOfOrderLive).toBe(0);
          figures.push({ steps: steps.length, offlineSends, caughtUp });
        } finally {
          await supabase.removeAllChannels();
          await supabase.realtime.disconnect();
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    report("offline-catch-up", { runs: figures });
  });
});
