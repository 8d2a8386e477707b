// The organizers' side of a conversation through supabase-js: start_conversation (the first reply to a participant
// without a conversation), organizer_unread_count (the navigation badge) and the inbox's unread rule.
import type { PostgrestSingleResponse } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventInboxTopic, participantTopic, threadTopic } from "../../lib/realtime/topics.ts";
import { createFunctionWorld, ORGANIZER_A_NAME, people, type CreatedEvent, type FunctionWorld, type UserName } from "./function-fixtures.ts";

let world: FunctionWorld;
beforeAll(async () => {
  world = await createFunctionWorld(inject("cluster"));
});
afterAll(() => world?.stop());

type Who = UserName | "anon";

interface MessageJson {
  id: number;
  thread_id: number;
  event_id: string;
  author_side: string;
  author_name: string | null;
  body: string;
  client_id: string | null;
}

async function ok<T>(promise: PromiseLike<PostgrestSingleResponse<unknown>>): Promise<T> {
  const { data, error, status } = await promise;
  expect(error).toBeNull();
  expect(status).toBe(200);
  return data as T;
}

function expectFailure(result: PostgrestSingleResponse<unknown>, status: number, code: string) {
  expect(result.error, `expected ${code}`).toMatchObject({ code: `PT${status}`, message: code });
  expect(result.status).toBe(status);
  expect(result.data).toBeNull();
}

const start = (who: Who, participantId: string, body: string | null, clientId?: string) =>
  world.as[who].rpc("start_conversation", {
    target_participant_id: participantId,
    body,
    ...(clientId ? { client_id: clientId } : {}),
  });
const unreadCount = (who: Who, event: string) => world.as[who].rpc("organizer_unread_count", { target_event_id: event });
const inbox = (who: Who, event: string, options: Record<string, unknown> = {}) =>
  world.as[who].rpc("organizer_inbox", { target_event_id: event, ...options });

async function count(text: string, params: unknown[]): Promise<number> {
  const { rows } = await world.sql<{ n: string }>(text, params);
  return Number(rows[0].n);
}

describe("start_conversation", () => {
  let event: CreatedEvent;
  let participant: string;
  beforeAll(async () => {
    event = await world.addEvent("start", people("start", 3, "participantA"));
    participant = event.participants["p001@start.test"];
  });

  it("creates the participant's thread on the first message, then continues it", async () => {
    expect(await count("select count(*) n from public.threads where participant_id = $1", [participant])).toBe(0);
    const first = await ok<MessageJson>(start("organizerA", participant, "Hello Person"));
    expect(first).toMatchObject({ author_side: "organizer", author_name: ORGANIZER_A_NAME, body: "Hello Person", event_id: event.id });
    const { rows } = await world.sql<{ id: string; started_by: string }>(
      "select id, started_by from public.threads where participant_id = $1",
      [participant],
    );
    expect(rows).toEqual([{ id: String(first.thread_id), started_by: "organizer" }]);
    const second = await ok<MessageJson>(start("organizerA", participant, "Second"));
    expect(second.thread_id).toBe(first.thread_id);
    expect(second.id).toBeGreaterThan(first.id);
    // the participant sees it in their conversation and can answer it
    const answer = await ok<MessageJson>(world.as.participantA.rpc("post_message", { thread_id: first.thread_id, body: "Hi!" }));
    expect(answer.author_side).toBe("participant");
  });

  it("is idempotent on client_id, also when the retries race", async () => {
    const other = event.participants["p002@start.test"];
    const clientId = crypto.randomUUID();
    const results = await Promise.all([1, 2, 3, 4].map(() => start("organizerA", other, "Once", clientId)));
    const ids = new Set(results.map((result) => (result.data as MessageJson | null)?.id));
    expect(results.map((result) => result.error)).toEqual([null, null, null, null]);
    expect(ids.size).toBe(1);
    expect(await count("select count(*) n from public.messages m join public.threads t on t.id = m.thread_id where t.participant_id = $1", [other])).toBe(1);
    expect(await count("select count(*) n from public.threads where participant_id = $1", [other])).toBe(1);
  });

  it("continues a thread created by a broadcast", async () => {
    const third = event.participants["p003@start.test"];
    await ok(world.as.organizerA.rpc("send_broadcast", {
      target_event_id: event.id,
      body: "To all",
      audience: { kind: "selection", participantIds: [third] },
      idempotency_key: crypto.randomUUID(),
    }));
    const message = await ok<MessageJson>(start("organizerA", third, "And to you"));
    expect(await count("select count(*) n from public.threads where participant_id = $1", [third])).toBe(1);
    expect(await count("select count(*) n from public.messages where thread_id = $1", [message.thread_id])).toBe(2);
  });

  it("notifies the thread, the participant and the event's inbox", async () => {
    const fresh = await world.addEvent("start-rt", people("start-rt", 1));
    const target = fresh.participants["p001@start-rt.test"];
    const message = await ok<MessageJson>(start("organizerA", target, "Realtime"));
    const { rows } = await world.sql<{ topic: string; payload: { id: number; participant_id: string; thread_id: number } }>(
      "select topic, payload from realtime.messages where event = 'message' and topic = any($1) order by topic",
      [[threadTopic(message.thread_id), participantTopic(target), eventInboxTopic(fresh.id)]],
    );
    expect(rows.map((row) => row.topic).sort()).toEqual(
      [threadTopic(message.thread_id), participantTopic(target), eventInboxTopic(fresh.id)].sort(),
    );
    for (const row of rows) expect(row.payload).toMatchObject({ participant_id: target, thread_id: message.thread_id });
  });

  it("refuses an empty or too long body with PT422", async () => {
    expectFailure(await start("organizerA", participant, "  \n "), 422, "message_empty");
    expectFailure(await start("organizerA", participant, null), 422, "message_empty");
    expectFailure(await start("organizerA", participant, "x".repeat(4001)), 422, "message_too_long");
  });

  it("answers PT404 participant_not_found to anyone but the event's organizers, writing nothing", async () => {
    const before = await count("select count(*) n from public.messages where event_id = $1", [event.id]);
    const target = event.participants["p002@start.test"];
    for (const who of ["organizerB", "translatorA", "participantA", "participantA2"] as const) {
      expectFailure(await start(who, target, "Not mine"), 404, "participant_not_found");
    }
    expectFailure(await start("organizerA", crypto.randomUUID(), "Nobody"), 404, "participant_not_found");
    const anon = await start("anon", target, "Anonymous");
    expect(anon.error).not.toBeNull();
    expect(anon.data).toBeNull();
    expect(await count("select count(*) n from public.messages where event_id = $1", [event.id])).toBe(before);
  });
});

describe("organizer_unread_count and the inbox's unread state", () => {
  let event: CreatedEvent;
  let threadA: number;
  let threadB: number;
  beforeAll(async () => {
    event = await world.addEvent("unread", people("unread", 3, "participantA"));
  });

  it("counts conversations with participant messages no organizer has read", async () => {
    expect(await ok(unreadCount("organizerA", event.id))).toBe(0);
    const first = await ok<MessageJson>(world.as.participantA.rpc("contact_organizer", { target_event_id: event.id, body: "One" }));
    threadA = first.thread_id;
    await ok(world.as.participantA.rpc("post_message", { thread_id: threadA, body: "Two" }));
    expect(await ok(unreadCount("organizerA", event.id))).toBe(1);
    threadB = (await ok<MessageJson>(start("organizerA", event.participants["p002@unread.test"], "Hi"))).thread_id;
    // an organizer's own message is not unread
    expect(await ok(unreadCount("organizerA", event.id))).toBe(1);
    expect((await world.as.organizerA.rpc("mark_thread_read", { thread_id: threadA })).error).toBeNull();
    expect(await ok(unreadCount("organizerA", event.id))).toBe(0);
  });

  it("keeps a participant's question unread after a broadcast reached their thread", async () => {
    await ok(world.as.participantA.rpc("post_message", { thread_id: threadA, body: "A question" }));
    await ok(world.as.organizerA.rpc("send_broadcast", {
      target_event_id: event.id,
      body: "News for everyone",
      audience: { kind: "view" },
      idempotency_key: crypto.randomUUID(),
    }));
    expect(await ok(unreadCount("organizerA", event.id))).toBe(1);
    const rows = await ok<Array<{ thread_id: number; unread: boolean; preview: string }>>(inbox("organizerA", event.id));
    expect(rows.find((row) => row.thread_id === threadA)).toMatchObject({ unread: true, preview: "News for everyone" });
    expect(rows.find((row) => row.thread_id === threadB)).toMatchObject({ unread: false });
    expect((await ok<Array<{ thread_id: number }>>(inbox("organizerA", event.id, { unread_only: true }))).map((row) => row.thread_id)).toEqual([
      threadA,
    ]);
    expect((await world.as.organizerA.rpc("mark_thread_read", { thread_id: threadA })).error).toBeNull();
    expect(await ok(inbox("organizerA", event.id, { unread_only: true }))).toEqual([]);
    expect(await ok(unreadCount("organizerA", event.id))).toBe(0);
  });

  it("refuses anyone but the event's organizers with PT403", async () => {
    for (const who of ["organizerB", "translatorA", "participantA"] as const) {
      expectFailure(await unreadCount(who, event.id), 403, "not_an_organizer");
    }
    const anon = await unreadCount("anon", event.id);
    expect(anon.error).not.toBeNull();
  });
});
