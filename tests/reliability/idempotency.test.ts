// SEND NOW is idempotent on (event, idempotency key): a double submit, a retry after the connection dropped before the
// answer arrived, N concurrent calls with the same key: exactly one message per recipient. N concurrent sends with
// different keys: N broadcasts, one message each per recipient, one thread per participant (threads created
// concurrently). Checked with SQL after every scenario.
import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createReliabilityWorld, report, SIZES, type SeededEvent, type SendResult, type World } from "./world.ts";

let world: World;
let organizer: SupabaseClient;

beforeAll(async () => {
  world = await createReliabilityWorld(inject("cluster"));
});

afterAll(async () => {
  await world?.stop();
});

let eventNumber = 0;
async function freshEvent(participants: number): Promise<SeededEvent> {
  eventNumber += 1;
  const event = await world.seedEvent(`idem-${eventNumber}`, { participants });
  organizer = await world.client(event.organizer);
  return event;
}

const ALL = { kind: "view", filters: [] };

function send(event: SeededEvent, key: string, body = "Doors open in 10 minutes", signal?: AbortSignal) {
  const call = organizer.rpc("send_broadcast", { target_event_id: event.id, body, audience: ALL, idempotency_key: key });
  return signal ? call.abortSignal(signal) : call;
}

/** Per participant of the event: how many messages of each broadcast it got, and the thread count. */
async function delivery(event: SeededEvent) {
  const { rows } = await world.sql.query<{ broadcasts: number; messages: number; threads: number; duplicates: number; missing: number }>(
    `select (select count(*)::int from public.broadcasts where event_id = $1) as broadcasts,
            (select count(*)::int from public.messages where event_id = $1) as messages,
            (select count(*)::int from public.threads where event_id = $1) as threads,
            (select count(*)::int from (select 1 from public.messages m join public.threads t on t.id = m.thread_id
               where m.event_id = $1 group by t.participant_id, m.broadcast_id having count(*) > 1) d) as duplicates,
            (select count(*)::int from public.participants p cross join public.broadcasts b
               where p.event_id = $1 and b.event_id = $1 and not exists (
                 select 1 from public.messages m join public.threads t on t.id = m.thread_id
                 where t.participant_id = p.id and m.broadcast_id = b.id)) as missing`,
    [event.id],
  );
  return rows[0];
}

describe("SEND NOW idempotency", () => {
  it("a double submit (two identical calls at once) sends once", async () => {
    const event = await freshEvent(500);
    const key = randomUUID();
    const [first, second] = await Promise.all([send(event, key), send(event, key)]);
    expect(first.error).toBeNull();
    expect(second.error).toBeNull();
    const results = [first.data, second.data] as SendResult[];
    expect(results[0].broadcast_id).toBe(results[1].broadcast_id);
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(results.every((r) => r.recipient_count === 500)).toBe(true);
    expect(await delivery(event)).toEqual({ broadcasts: 1, messages: 500, threads: 500, duplicates: 0, missing: 0 });
  });

  it("a retry after the connection dropped before the answer (request aborted at random moments) sends once", async () => {
    const event = await freshEvent(2000);
    const aborted: number[] = [];
    for (const delay of [0, 5, 20, 60, 150]) {
      const key = randomUUID();
      const controller = new AbortController();
      const attempt = send(event, key, `Message ${delay}`, controller.signal);
      setTimeout(() => controller.abort(), delay);
      const first = await attempt;
      if (first.error) aborted.push(delay);
      // The app retries with the same key until it gets an answer.
      let retry = await send(event, key, `Message ${delay}`);
      for (let i = 0; retry.error && i < 5; i += 1) retry = await send(event, key, `Message ${delay}`);
      expect(retry.error).toBeNull();
      expect((retry.data as SendResult).recipient_count).toBe(2000);
    }
    expect(aborted.length).toBeGreaterThan(0); // at least one attempt really lost its answer
    const counts = await delivery(event);
    expect(counts).toEqual({ broadcasts: 5, messages: 5 * 2000, threads: 2000, duplicates: 0, missing: 0 });
    report("retry-after-drop", { attempts: 5, answersLost: aborted.length, recipients: 2000 });
  });

  it(`${SIZES.concurrentSends} concurrent calls with the same key: one broadcast, one message per recipient`, async () => {
    const event = await freshEvent(1000);
    const key = randomUUID();
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: SIZES.concurrentSends }, () => send(event, key)));
    const ms = performance.now() - started;
    for (const answer of answers) expect(answer.error).toBeNull();
    const results = answers.map((a) => a.data as SendResult);
    expect(new Set(results.map((r) => r.broadcast_id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.recipient_count === 1000)).toBe(true);
    expect(await delivery(event)).toEqual({ broadcasts: 1, messages: 1000, threads: 1000, duplicates: 0, missing: 0 });
    report("concurrent-same-key", { calls: SIZES.concurrentSends, recipients: 1000, ms: Math.round(ms) });
  });

  it(`${SIZES.concurrentSends} concurrent calls with different keys: each sends once, threads are not duplicated`, async () => {
    const event = await freshEvent(1000);
    const n = SIZES.concurrentSends;
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(event, randomUUID(), `Broadcast ${i}`)));
    const ms = performance.now() - started;
    for (const answer of answers) expect(answer.error).toBeNull();
    const results = answers.map((a) => a.data as SendResult);
    expect(new Set(results.map((r) => r.broadcast_id)).size).toBe(n);
    expect(results.every((r) => !r.replayed && r.recipient_count === 1000)).toBe(true);
    expect(await delivery(event)).toEqual({ broadcasts: n, messages: n * 1000, threads: 1000, duplicates: 0, missing: 0 });
    report("concurrent-different-keys", { calls: n, recipients: 1000, ms: Math.round(ms) });
  });

  it("the same key with another text is refused (PT409 idempotency_key_reused) and creates nothing", async () => {
    const event = await freshEvent(10);
    const key = randomUUID();
    expect((await send(event, key, "First text")).error).toBeNull();
    const reused = await send(event, key, "Another text");
    expect(reused.error).toMatchObject({ code: "PT409", message: "idempotency_key_reused" });
    expect(reused.status).toBe(409);
    expect(await delivery(event)).toEqual({ broadcasts: 1, messages: 10, threads: 10, duplicates: 0, missing: 0 });
  });
});
