// Realtime access, beyond tests/database/realtime-topics.test.ts (which covers each topic family of event A × six roles):
// - every family joined by the outsiders that matrix lacks — another participant of the SAME event (participant and
//   thread topics), a participant of another event — refused, and a refused channel receives nothing when a message
//   then goes out on that topic;
// - generated topics (fast-check): each family with ids that are not the caller's (random uuids, other threads,
//   hostile strings) joined by an insider of the event — refused.
import fc from "fast-check";
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { sleep, subscribeOutcome } from "../../supabase/local/realtime/testing.ts";
import { eventInboxTopic, eventParticipantsTopic, eventPresenceTopic, participantTopic, threadTopic } from "../../lib/realtime/topics.ts";
import { createReliabilityWorld, SIZE, type SeededEvent, type World } from "./world.ts";

let world: World;
let eventA: SeededEvent;
let eventB: SeededEvent;
let threadOf: Map<string, number>;
type Who = "anon" | "organizerA" | "organizerB" | "participantA1" | "participantA2" | "participantB";
const clients = new Map<Who, SupabaseClient>();
const opened: { supabase: SupabaseClient; channel: RealtimeChannel }[] = [];

beforeAll(async () => {
  world = await createReliabilityWorld(inject("cluster"));
  eventA = await world.seedEvent("access-a", { participants: 3, accounts: 3, threads: true });
  eventB = await world.seedEvent("access-b", { participants: 2, accounts: 1, threads: true });
  const { rows } = await world.sql.query<{ participant_id: string; id: number }>("select participant_id, id::int as id from public.threads");
  threadOf = new Map(rows.map((row) => [row.participant_id, row.id]));
  const user = (event: SeededEvent, i: number) => event.users.get(event.participants[i]) as string;
  clients.set("anon", await world.client(null));
  clients.set("organizerA", await world.client(eventA.organizer));
  clients.set("organizerB", await world.client(eventB.organizer));
  clients.set("participantA1", await world.client(user(eventA, 0)));
  clients.set("participantA2", await world.client(user(eventA, 1)));
  clients.set("participantB", await world.client(user(eventB, 0)));
}, 60_000);

afterEach(async () => {
  await Promise.all(opened.splice(0).map(({ supabase, channel }) => supabase.removeChannel(channel)));
});

afterAll(async () => {
  await Promise.all([...clients.values()].map((supabase) => supabase.realtime.disconnect()));
  await world?.stop();
});

/** Non-canonical spellings of a thread id: "07", " 7", "7 ", "7.0", "7e0". */
function spellingsOf(id: number): string[] {
  return [`0${id}`, ` ${id}`, `${id} `, `${id}.0`, `${id}e0`];
}

function channelAs(who: Who, topic: string): { channel: RealtimeChannel; received: unknown[] } {
  const supabase = clients.get(who) as SupabaseClient;
  const received: unknown[] = [];
  const channel = supabase.channel(topic, { config: { private: true } }).on("broadcast", { event: "*" }, (message) => received.push(message));
  opened.push({ supabase, channel });
  return { channel, received };
}

describe("topic families joined by outsiders", () => {
  const families = () => {
    const pA1 = eventA.participants[0];
    return [
      { name: "participant:<A1>", topic: participantTopic(pA1), outsiders: ["anon", "organizerB", "participantA2", "participantB"] as Who[] },
      { name: "thread:<A1's thread>", topic: threadTopic(threadOf.get(pA1) as number), outsiders: ["anon", "organizerB", "participantA2", "participantB"] as Who[] },
      { name: "event:<A>:participants", topic: eventParticipantsTopic(eventA.id), outsiders: ["anon", "organizerB", "participantB"] as Who[] },
      { name: "event:<A>:inbox", topic: eventInboxTopic(eventA.id), outsiders: ["anon", "organizerB", "participantA1", "participantB"] as Who[] },
      { name: "event:<A>:presence", topic: eventPresenceTopic(eventA.id), outsiders: ["anon", "organizerB", "participantB"] as Who[] },
    ];
  };

  it("every family refuses anon, the other event's organizer and other participants; refused channels receive nothing", async () => {
    const refused: { name: string; who: Who; received: unknown[] }[] = [];
    for (const family of families()) {
      for (const who of family.outsiders) {
        const { channel, received } = channelAs(who, family.topic);
        const outcome = await subscribeOutcome(channel);
        expect(outcome.status, `${family.name} as ${who}`).toBe("CHANNEL_ERROR");
        expect(outcome.error?.message).toMatch(/^Unauthorized: /);
        refused.push({ name: family.name, who, received });
      }
    }
    // Traffic on every family: a message in A1's thread (thread, participant, inbox topics) and a broadcast
    // (participants and inbox topics).
    const pA1 = eventA.participants[0];
    const organizer = clients.get("organizerA") as SupabaseClient;
    expect((await organizer.rpc("post_message", { thread_id: threadOf.get(pA1), body: "Only for A1" })).error).toBeNull();
    const sent = await organizer.rpc("send_broadcast", {
      target_event_id: eventA.id,
      body: "For A",
      audience: { kind: "selection", participantIds: [pA1] },
      idempotency_key: crypto.randomUUID(),
    });
    expect(sent.error).toBeNull();
    await sleep(500);
    for (const { name, who, received } of refused) expect(received, `${name} as ${who}`).toEqual([]);
  });
});

describe("generated topics", () => {
  it(`ids that are not the caller's, in every family, are refused (${SIZE === "large" ? 300 : 100} cases)`, { timeout: 120_000 }, async () => {
    // Foreign to both insiders; A2's thread is foreign to participant A1 only (organizer A reads every thread of A).
    const foreignThread = fc.oneof(
      fc.constant(threadOf.get(eventB.participants[0]) as number),
      fc.integer({ min: 1000, max: 2 ** 31 - 1 }),
      // Other spellings of a foreign thread's id (a spelling of the caller's own id would name their own thread).
      fc.constantFrom("0", "-1", "*", "%", "1 or true", ...spellingsOf(threadOf.get(eventB.participants[0]) as number)),
    );
    const foreignUuid = fc.oneof(fc.uuid(), fc.constant(eventB.id), fc.constantFrom("*", "", "%", eventA.id.toUpperCase(), `${eventA.id} `));
    const topic = fc.oneof(
      foreignUuid.map((id) => participantTopic(id)),
      fc.constant(participantTopic(eventA.participants[1])),
      foreignThread.map((id) => threadTopic(id)),
      foreignUuid.map((id) => eventInboxTopic(id)),
      foreignUuid.map((id) => eventParticipantsTopic(id)),
      foreignUuid.map((id) => eventPresenceTopic(id)),
      fc.string({ maxLength: 60 }),
      fc.constantFrom(`event:${eventA.id}:inbox:x`, `event:${eventA.id}`, "realtime:*", "*", `participant:${eventA.participants[0]}:x`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.tuple(fc.constantFrom<Who>("participantA1", "organizerA"), topic),
          fc.tuple(fc.constant<Who>("participantA1"), fc.constant(threadTopic(threadOf.get(eventA.participants[1]) as number))),
        ),
        async ([who, name]) => {
        // Organizer A may read event A's inbox and presence topics: generated names never equal them except through the
        // variants above (case, spaces), which must be refused too.
        const { channel } = channelAs(who, name);
        const outcome = await subscribeOutcome(channel);
        const entry = opened.pop();
        if (entry) await entry.supabase.removeChannel(entry.channel);
        expect(outcome.status, `${name} as ${who}`).not.toBe("SUBSCRIBED");
        },
      ),
      { numRuns: SIZE === "large" ? 300 : 100, endOnFailure: true },
    );
  });
});
