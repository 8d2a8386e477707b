// Who may join which private Realtime topic of event A (the topic kinds of the realtime authorization migration), as
// each of the six roles, through the real supabase-js client; then presence (participants track, only organizers see
// who is connected) and client broadcasts (nobody: messages go out from the database).
import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { sleep, subscribed, subscribeOutcome, waitFor } from "../../supabase/local/realtime/testing.ts";
import { createWorld, EVENT, PARTICIPANT, ROLE_NAMES, ROLES, THREAD, type Role, type World } from "./fixtures.ts";
import { eventInboxTopic, eventParticipantsTopic, eventPresenceTopic, participantTopic, threadTopic } from "../../lib/realtime/topics.ts";

const TOPICS: { topic: string; name: string; allowed: readonly Role[] }[] = [
  { topic: participantTopic(PARTICIPANT.pA), name: "participant:<pA>", allowed: ["participantA"] },
  { topic: threadTopic(THREAD.tA), name: "thread:<tA>", allowed: ["participantA", "organizerA"] },
  { topic: eventParticipantsTopic(EVENT.A), name: "event:<A>:participants", allowed: ["participantA"] },
  { topic: eventInboxTopic(EVENT.A), name: "event:<A>:inbox", allowed: ["organizerA"] },
  { topic: eventPresenceTopic(EVENT.A), name: "event:<A>:presence", allowed: ["participantA", "organizerA"] },
];

let world: World;
/** One client per role, signed in before its first join as the app does; each test removes the channels it opened. */
const clients = new Map<Role, SupabaseClient>();
const opened: { supabase: SupabaseClient; channel: RealtimeChannel }[] = [];

function channelAs(role: Role, topic: string, config: Record<string, unknown> = {}): RealtimeChannel {
  const supabase = clients.get(role) as SupabaseClient;
  const channel = supabase.channel(topic, { config: { ...config, private: true } });
  opened.push({ supabase, channel });
  return channel;
}

beforeAll(async () => {
  world = await createWorld(inject("cluster"));
  for (const role of ROLES) {
    const supabase = world.client(role);
    const token = world.token(role);
    if (token) await supabase.realtime.setAuth(token);
    clients.set(role, supabase);
  }
});

// A refused join is retried forever by the client: every test leaves with no channel.
afterEach(async () => {
  await Promise.all(opened.splice(0).map(({ supabase, channel }) => supabase.removeChannel(channel)));
});

afterAll(async () => {
  await Promise.all([...clients.values()].map((supabase) => supabase.removeAllChannels()));
  await world?.stop();
});

const joinCells = TOPICS.flatMap(({ topic, name, allowed }) =>
  ROLES.map((role) => ({
    name: `${name} × ${ROLE_NAMES[role]}: ${allowed.includes(role) ? "allowed" : "denied"}`,
    topic,
    role,
    allowed: allowed.includes(role),
  })),
);

describe("private topic joins", () => {
  it.each(joinCells)("$name", async ({ topic, role, allowed }) => {
    const outcome = await subscribeOutcome(channelAs(role, topic));
    if (allowed) {
      expect(outcome.status).toBe("SUBSCRIBED");
    } else {
      expect(outcome.status).toBe("CHANNEL_ERROR");
      expect(outcome.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`);
    }
  });

  it.each([
    `event:${EVENT.A}:inbox:extra`,
    `event:${EVENT.A}`,
    `event:${EVENT.A.toUpperCase()}:inbox`,
    `thread:${THREAD.tA}.0`,
    `thread:${EVENT.A}`,
    "event:*:inbox",
  ])("a malformed topic is refused even to organizer A: %s", async (topic) => {
    const outcome = await subscribeOutcome(channelAs("organizerA", topic));
    expect(outcome.status).toBe("CHANNEL_ERROR");
  });
});

describe("canonical topic names only", () => {
  // The policies authorize the names lib/realtime/topics.ts builds and no other spelling of the same id: "thread:01"
  // was once authorized like "thread:1" (the id was compared after a cast).
  const canonical = [threadTopic(THREAD.tA), participantTopic(PARTICIPANT.pA), eventParticipantsTopic(EVENT.A)];
  const variants = [
    ...[`0${THREAD.tA}`, `00${THREAD.tA}`, ` ${THREAD.tA}`, `${THREAD.tA} `, `+${THREAD.tA}`, `${THREAD.tA}.0`, `${THREAD.tA}e0`, `${THREAD.tA}\n`, `\u0660${THREAD.tA}`, `${THREAD.tA}\u200b`].map(
      (id) => threadTopic(id),
    ),
    participantTopic(PARTICIPANT.pA.toUpperCase()),
    participantTopic(`{${PARTICIPANT.pA}}`),
    participantTopic(PARTICIPANT.pA.replaceAll("-", "")),
    participantTopic(` ${PARTICIPANT.pA}`),
    eventParticipantsTopic(EVENT.A.toUpperCase()),
    eventParticipantsTopic(EVENT.A.replaceAll("-", "")),
    eventParticipantsTopic(`${EVENT.A}\n`),
  ];

  it.each(canonical)("participant A joins the canonical %j", async (topic) => {
    expect((await subscribeOutcome(channelAs("participantA", topic))).status).toBe("SUBSCRIBED");
  });

  it.each(variants)("another spelling of participant A's own topic is refused: %j", async (topic) => {
    const outcome = await subscribeOutcome(channelAs("participantA", topic));
    expect(outcome.status).toBe("CHANNEL_ERROR");
    expect(outcome.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`);
  });

  it.each(variants.filter((topic) => topic.startsWith("thread:")))("organizer A is refused %j too", async (topic) => {
    expect((await subscribeOutcome(channelAs("organizerA", topic))).status).toBe("CHANNEL_ERROR");
  });
});

function presenceChannel(role: Role, event: string, key: string): { channel: RealtimeChannel; events: string[] } {
  const events: string[] = [];
  const channel = channelAs(role, eventPresenceTopic(event), { presence: { key } })
    .on("presence", { event: "sync" }, () => events.push("sync"))
    .on("presence", { event: "join" }, ({ key: joined }) => events.push(`join:${String(joined)}`));
  return { channel, events };
}

describe("presence", () => {
  it("participants track themselves on their event's topic; only the event's organizers see who is connected", async () => {
    const organizerA = presenceChannel("organizerA", EVENT.A, "organizer-a");
    const organizerB = presenceChannel("organizerB", EVENT.B, "organizer-b");
    const participantA = presenceChannel("participantA", EVENT.A, PARTICIPANT.pA);
    const participantB = presenceChannel("participantB", EVENT.B, PARTICIPANT.pB);
    await Promise.all([organizerA, organizerB, participantA, participantB].map(({ channel }) => subscribed(channel)));

    expect(await participantA.channel.track({ participant_id: PARTICIPANT.pA })).toBe("ok");
    expect(await participantB.channel.track({ participant_id: PARTICIPANT.pB })).toBe("ok");
    await waitFor(() => organizerA.channel.presenceState()[PARTICIPANT.pA], 3000, "organizer A sees participant A");
    await waitFor(() => organizerB.channel.presenceState()[PARTICIPANT.pB], 3000, "organizer B sees participant B");
    await sleep(200);
    expect(Object.keys(organizerA.channel.presenceState())).toEqual([PARTICIPANT.pA]);
    expect(Object.keys(organizerB.channel.presenceState())).toEqual([PARTICIPANT.pB]);
    // Participants asked for presence (a listener) but receive neither the state nor the joins, their own included.
    for (const participant of [participantA, participantB]) {
      expect(participant.channel.presenceState()).toEqual({});
      expect(participant.events).toEqual([]);
    }
  });

  it("organizers cannot track themselves (they would count as connected participants)", async () => {
    const organizerA = presenceChannel("organizerA", EVENT.A, "organizer-a");
    await subscribed(organizerA.channel);
    expect(await organizerA.channel.track({ organizer: true })).toBe("error");
    await sleep(200);
    expect(organizerA.channel.presenceState()).toEqual({});
  });
});

describe("client broadcasts", () => {
  it.each(["participantA", "organizerA"] as const)(
    "%s cannot broadcast on a topic it may read: messages go out from the database",
    async (role) => {
      const topic = threadTopic(THREAD.tA);
      const listener = channelAs(role === "organizerA" ? "participantA" : "organizerA", topic);
      const received: unknown[] = [];
      listener.on("broadcast", { event: "*" }, (message) => received.push(message));
      const sender = channelAs(role, topic, { broadcast: { ack: true } });
      await Promise.all([subscribed(listener), subscribed(sender)]);
      const sent = await sender.send({ type: "broadcast", event: "new_message", payload: { forged: true } }, { timeout: 300 });
      expect(sent).not.toBe("ok");
      await sleep(50);
      expect(received).toEqual([]);
    },
  );
});
