// The messaging functions through supabase-js, as each role: send_broadcast, post_message, contact_organizer,
// mark_thread_read, participant_unread_count, organizer_inbox, link_participant_account, and the Realtime rows they
// write. Row counts are checked as postgres.
import type { PostgrestSingleResponse } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventInboxTopic, eventParticipantsTopic, participantTopic, threadTopic } from "../../lib/realtime/topics.ts";
import {
  createFunctionWorld,
  ORGANIZER_A_NAME,
  people,
  USERS,
  type CreatedEvent,
  type FunctionWorld,
  type ParticipantSeed,
  type UserName,
} from "./function-fixtures.ts";

let world: FunctionWorld;
beforeAll(async () => {
  world = await createFunctionWorld(inject("cluster"));
});
afterAll(() => world?.stop());

type Who = UserName | "anon";

interface SendResult {
  broadcast_id: number;
  recipient_count: number;
  created_at: string;
  replayed: boolean;
}
interface MessageJson {
  id: number;
  thread_id: number;
  event_id: string;
  author_side: "organizer" | "participant";
  author_user_id: string | null;
  author_name: string | null;
  body: string;
  broadcast_id: number | null;
  client_id: string | null;
}
interface InboxRow {
  thread_id: number;
  participant_id: string;
  first_name: string;
  last_name: string;
  email: string;
  last_message_id: number;
  last_message_at: string;
  last_message_side: string;
  preview: string;
  unread: boolean;
}

function expectFailure(result: PostgrestSingleResponse<unknown>, status: number, code: string) {
  expect(result.error, `expected ${code}`).toMatchObject({ code: `PT${status}`, message: code });
  expect(result.status).toBe(status);
  expect(result.data).toBeNull();
}

function expectRefused(result: PostgrestSingleResponse<unknown>) {
  expect(result.error).not.toBeNull();
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(result.data).toBeNull();
}

async function ok<T>(promise: PromiseLike<PostgrestSingleResponse<unknown>>): Promise<T> {
  const { data, error, status } = await promise;
  expect(error).toBeNull();
  expect(status).toBe(200);
  return data as T;
}

/** A function returning void: PostgREST answers 204 with no body. */
async function done(promise: PromiseLike<PostgrestSingleResponse<unknown>>) {
  const { data, error, status } = await promise;
  expect(error).toBeNull();
  expect(status).toBe(204);
  expect(data).toBeNull();
}

const send = (who: Who, event: string, body: string | null, audience: unknown, key: string | null = crypto.randomUUID()) =>
  world.as[who].rpc("send_broadcast", { target_event_id: event, body, audience, idempotency_key: key });
const post = (who: Who, threadId: number, body: string | null, clientId?: string) =>
  world.as[who].rpc("post_message", { thread_id: threadId, body, ...(clientId ? { client_id: clientId } : {}) });
const contact = (who: Who, event: string, body: string | null, clientId?: string) =>
  world.as[who].rpc("contact_organizer", { target_event_id: event, body, ...(clientId ? { client_id: clientId } : {}) });
const inbox = (who: Who, event: string, options: Record<string, unknown> = {}) =>
  world.as[who].rpc("organizer_inbox", { target_event_id: event, ...options });
const unreadCount = (who: Who, event: string) => world.as[who].rpc("participant_unread_count", { target_event_id: event });

async function one(text: string, params: unknown[]): Promise<number> {
  const { rows } = await world.sql<{ n: string }>(text, params);
  return Number(rows[0].n);
}
const countMessages = (event: string) => one("select count(*) n from public.messages where event_id = $1", [event]);
const countThreads = (event: string) => one("select count(*) n from public.threads where event_id = $1", [event]);
const countBroadcasts = (event: string) => one("select count(*) n from public.broadcasts where event_id = $1", [event]);
async function threadOf(participantId: string): Promise<number> {
  const { rows } = await world.sql<{ id: string }>("select id from public.threads where participant_id = $1", [participantId]);
  expect(rows.length).toBe(1);
  return Number(rows[0].id);
}
async function counts(event: string) {
  return { threads: await countThreads(event), messages: await countMessages(event), broadcasts: await countBroadcasts(event) };
}

function seed(slug: string, n: number, users: UserName[] = []): ParticipantSeed[] {
  return people(slug, n).map((p, i) => (users[i] ? { ...p, user: users[i] } : p));
}

describe("send_broadcast", () => {
  let event: CreatedEvent;
  let ids: string[];
  beforeAll(async () => {
    event = await world.addEvent("send", seed("send", 5, ["participantA"]));
    ids = Object.values(event.participants);
  });

  it("sends one message per recipient, creating missing threads once, and the count equals count_audience", async () => {
    const p1 = event.participants["p001@send.test"];
    await ok(send("organizerA", event.id, "A thread already exists", { kind: "selection", participantIds: [p1] }));
    const audience = { kind: "view" };
    const expected = await ok<number>(world.as.organizerA.rpc("count_audience", { target_event_id: event.id, audience }));
    expect(expected).toBe(5);

    const result = await ok<SendResult>(send("organizerA", event.id, "Doors open at 9", audience));
    expect(result).toMatchObject({ recipient_count: 5, replayed: false });
    const { rows } = await world.sql<{ participant_id: string; n: string; bodies: string; broadcasts: string; authors: string }>(
      `select t.participant_id, count(m.id) n, count(m.body) bodies, count(m.broadcast_id) filter (where m.broadcast_id = $2) broadcasts,
              count(*) filter (where m.author_side = 'organizer' and m.author_user_id = $3) authors
       from public.threads t left join public.messages m on m.thread_id = t.id and m.broadcast_id = $2
       where t.event_id = $1 group by t.participant_id`,
      [event.id, result.broadcast_id, USERS.organizerA],
    );
    expect(rows.map((r) => r.participant_id).sort()).toEqual([...ids].sort());
    for (const row of rows) expect(row).toMatchObject({ n: "1", bodies: "0", broadcasts: "1", authors: "1" });
    const stored = await world.sql("select body, audience, recipient_count, sender_user_id from public.broadcasts where id = $1", [
      result.broadcast_id,
    ]);
    expect(stored.rows[0]).toEqual({ body: "Doors open at 9", audience, recipient_count: 5, sender_user_id: USERS.organizerA });
    const started = await world.sql("select started_by, count(*) over () n from public.threads where event_id = $1", [event.id]);
    expect(started.rows.every((r) => r.started_by === "organizer" && r.n === "5")).toBe(true);

    // The participant sees the text and the organizer's display name.
    const { data, error } = await world.as.participantA
      .from("conversation_messages")
      .select("body, author_side, author_name, broadcast_id")
      .eq("thread_id", await threadOf(p1))
      .order("id");
    expect(error).toBeNull();
    expect(data).toEqual([
      { body: "A thread already exists", author_side: "organizer", author_name: ORGANIZER_A_NAME, broadcast_id: expect.any(Number) },
      { body: "Doors open at 9", author_side: "organizer", author_name: ORGANIZER_A_NAME, broadcast_id: result.broadcast_id },
    ]);

    // A second send reuses the threads.
    const again = await ok<SendResult>(send("organizerA", event.id, "Lunch at noon", audience));
    expect(again.recipient_count).toBe(5);
    expect(await counts(event.id)).toEqual({ threads: 5, messages: 11, broadcasts: 3 });
  });

  it("counts a selection exactly as it sends it: ids of another event and unknown ids are ignored", async () => {
    const audience = {
      kind: "selection",
      participantIds: [ids[1], ids[2], ids[2], world.eventB.participants["bob@example.test"], crypto.randomUUID()],
    };
    const expected = await ok<number>(world.as.organizerA.rpc("count_audience", { target_event_id: event.id, audience }));
    const before = await countMessages(event.id);
    const result = await ok<SendResult>(send("organizerA", event.id, "Just you two", audience));
    expect(expected).toBe(2);
    expect(result.recipient_count).toBe(2);
    expect((await countMessages(event.id)) - before).toBe(2);
    expect(await one("select count(*) n from public.messages where broadcast_id = $1", [result.broadcast_id])).toBe(2);
    expect(await countMessages(world.eventB.id)).toBe(0);
  });

  it("is idempotent: the same key again replays the first result and writes nothing", async () => {
    const key = crypto.randomUUID();
    const audience = { kind: "selection", participantIds: ids };
    const first = await ok<SendResult>(send("organizerA", event.id, "Only once", audience, key));
    const before = await counts(event.id);
    const second = await ok<SendResult>(send("organizerA", event.id, "Only once", audience, key));
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await counts(event.id)).toEqual(before);
    expect(await one("select count(*) n from public.messages where broadcast_id = $1", [first.broadcast_id])).toBe(5);
  });

  it("is idempotent under concurrency: 5 simultaneous sends with one key make one broadcast, one message each", async () => {
    const key = crypto.randomUUID();
    const audience = { kind: "view" };
    const before = await counts(event.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => send("organizerA", event.id, "Concurrent", audience, key)));
    for (const r of results) expect(r.error).toBeNull();
    const data = results.map((r) => r.data as SendResult);
    expect(new Set(data.map((d) => d.broadcast_id)).size).toBe(1);
    expect(data.filter((d) => !d.replayed).length).toBe(1);
    for (const d of data) expect(d.recipient_count).toBe(5);
    expect(await counts(event.id)).toEqual({ ...before, messages: before.messages + 5, broadcasts: before.broadcasts + 1 });
    const perThread = await world.sql("select thread_id, count(*)::int n from public.messages where broadcast_id = $1 group by thread_id", [
      data[0].broadcast_id,
    ]);
    expect(perThread.rows.length).toBe(5);
    expect(perThread.rows.every((r) => r.n === 1)).toBe(true);
  });

  it("creates one thread per participant when sends with different keys race on new participants", async () => {
    const fresh = await world.addEvent("race", seed("race", 20));
    const results = await Promise.all(Array.from({ length: 3 }, (_, i) => send("organizerA", fresh.id, `Race ${i}`, { kind: "view" })));
    for (const r of results) expect(r.error).toBeNull();
    expect(results.map((r) => (r.data as SendResult).recipient_count)).toEqual([20, 20, 20]);
    expect(await counts(fresh.id)).toEqual({ threads: 20, messages: 60, broadcasts: 3 });
  });

  it("refuses the same key with another body with PT409", async () => {
    const key = crypto.randomUUID();
    await ok(send("organizerA", event.id, "First text", { kind: "view" }, key));
    const before = await counts(event.id);
    expectFailure(await send("organizerA", event.id, "Second text", { kind: "view" }, key), 409, "idempotency_key_reused");
    expect(await counts(event.id)).toEqual(before);
  });

  it.each([
    ["an empty body", "", "message_empty"],
    ["a blank body", "  \n\t ", "message_empty"],
    ["a null body", null, "message_empty"],
    ["a 4001-character body", "x".repeat(4001), "message_too_long"],
  ])("refuses %s with PT422", async (_name, body, code) => {
    const before = await counts(event.id);
    expectFailure(await send("organizerA", event.id, body, { kind: "view" }), 422, code);
    expect(await counts(event.id)).toEqual(before);
  });

  it("accepts a 4000-character body", async () => {
    const result = await ok<SendResult>(send("organizerA", event.id, "é".repeat(4000), { kind: "selection", participantIds: [ids[0]] }));
    expect(result.recipient_count).toBe(1);
  });

  it.each([
    ["no audience", null, "invalid_audience"],
    ["an audience that is a list", [crypto.randomUUID()], "invalid_audience"],
    ["an unknown kind", { kind: "all" }, "invalid_audience"],
    ["a selection without participantIds", { kind: "selection" }, "invalid_audience"],
    ["participantIds that are not uuids", { kind: "selection", participantIds: ["1"] }, "invalid_audience"],
    ["a view with an unknown filter column", { kind: "view", filters: [{ column: "user_id", operator: "is_empty" }] }, "invalid_filter_column"],
  ])("refuses %s with PT422 and writes nothing", async (_name, audience, code) => {
    const before = await counts(event.id);
    expectFailure(await send("organizerA", event.id, "Hello", audience), 422, code);
    expect(await counts(event.id)).toEqual(before);
  });

  it("runs under its own 60 s statement timeout through the API, while other calls keep the role's 8 s", async () => {
    // The REST layer hoists a function's statement_timeout to the call (tests/conformance/rest-rpc.test.ts proves the
    // mechanism); here: send_broadcast declares it, and no other public function does.
    const { rows } = await world.sql<{ name: string; config: string[] | null }>(
      `select p.proname as name, p.proconfig as config from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and exists (select 1 from unnest(p.proconfig) c where c like 'statement_timeout=%')`,
    );
    expect(rows).toEqual([{ name: "send_broadcast", config: expect.arrayContaining(["statement_timeout=60s"]) }]);
  });

  it("refuses a missing idempotency key with PT422", async () => {
    expectFailure(await send("organizerA", event.id, "Hello", { kind: "view" }, null), 422, "idempotency_key_missing");
  });

  it("refuses participants, translators and other events' organizers with PT403, and anon, writing nothing", async () => {
    const a = world.eventA;
    const before = await counts(a.id);
    for (const who of ["participantA", "translatorA", "organizerB"] as const) {
      expectFailure(await send(who, a.id, "Hi", { kind: "view" }), 403, "not_an_organizer");
    }
    expectFailure(await send("organizerA", world.eventB.id, "Hi", { kind: "view" }), 403, "not_an_organizer");
    expectRefused(await send("anon", a.id, "Hi", { kind: "view" }));
    expect(await counts(a.id)).toEqual(before);
    expect(await counts(world.eventB.id)).toEqual({ threads: 0, messages: 0, broadcasts: 0 });
  });
});

describe("post_message", () => {
  let event: CreatedEvent;
  let threadId: number;
  beforeAll(async () => {
    event = await world.addEvent("post", seed("post", 3, ["participantA", "participantA2"]));
    await ok(send("organizerA", event.id, "Welcome", { kind: "selection", participantIds: [event.participants["p001@post.test"]] }));
    threadId = await threadOf(event.participants["p001@post.test"]);
  });

  it("lets the organizer and the participant write in the thread, each on their side", async () => {
    const fromOrganizer = await ok<MessageJson>(post("organizerA", threadId, "How can we help?"));
    expect(fromOrganizer).toMatchObject({
      thread_id: threadId,
      event_id: event.id,
      author_side: "organizer",
      author_user_id: USERS.organizerA,
      author_name: ORGANIZER_A_NAME,
      body: "How can we help?",
      broadcast_id: null,
    });
    const fromParticipant = await ok<MessageJson>(post("participantA", threadId, "Where do I park?\nThanks"));
    expect(fromParticipant).toMatchObject({ author_side: "participant", author_user_id: USERS.participantA, author_name: null, body: "Where do I park?\nThanks" });
    expect(fromParticipant.id).toBeGreaterThan(fromOrganizer.id);
    const { data } = await world.as.participantA.from("conversation_messages").select("body").eq("thread_id", threadId).order("id");
    expect(data?.map((m) => m.body)).toEqual(["Welcome", "How can we help?", "Where do I park?\nThanks"]);
  });

  it("answers PT404 thread_not_found to another participant, another event's organizer, a translator and an unknown thread", async () => {
    const before = await countMessages(event.id);
    for (const who of ["participantA2", "organizerB", "translatorA", "participantB"] as const) {
      expectFailure(await post(who, threadId, "Let me in"), 404, "thread_not_found");
    }
    expectFailure(await post("organizerA", 999_999_999, "Nobody"), 404, "thread_not_found");
    expectRefused(await post("anon", threadId, "Let me in"));
    expect(await countMessages(event.id)).toBe(before);
  });

  it("refuses an empty or too long body with PT422", async () => {
    expectFailure(await post("participantA", threadId, " "), 422, "message_empty");
    expectFailure(await post("organizerA", threadId, "y".repeat(4001)), 422, "message_too_long");
  });

  it("is idempotent on client_id: a retry returns the same message and writes nothing", async () => {
    const clientId = crypto.randomUUID();
    const first = await ok<MessageJson>(post("participantA", threadId, "Sent once", clientId));
    const before = await countMessages(event.id);
    const retry = await ok<MessageJson>(post("participantA", threadId, "Sent once", clientId));
    expect(retry).toEqual(first);
    expect(first.client_id).toBe(clientId);
    expect(await countMessages(event.id)).toBe(before);
    // another author reusing the participant's client id is refused
    expectFailure(await post("organizerA", threadId, "Sent once", clientId), 409, "client_id_reused");
    expect(await countMessages(event.id)).toBe(before);
  });

  it("makes concurrent retries with one client_id a single message", async () => {
    const clientId = crypto.randomUUID();
    const before = await countMessages(event.id);
    const results = await Promise.all(Array.from({ length: 4 }, () => post("organizerA", threadId, "Once", clientId)));
    for (const r of results) expect(r.error).toBeNull();
    expect(new Set(results.map((r) => (r.data as MessageJson).id)).size).toBe(1);
    expect(await countMessages(event.id)).toBe(before + 1);
  });
});

describe("contact_organizer", () => {
  let event: CreatedEvent;
  beforeAll(async () => {
    event = await world.addEvent("contact", seed("contact", 3, ["participantA", "participantA2", "newcomer"]));
  });

  it("starts the participant's organizer thread on the first message and continues it afterwards", async () => {
    const first = await ok<MessageJson>(contact("participantA", event.id, "Hello organizer"));
    expect(first).toMatchObject({ author_side: "participant", body: "Hello organizer", event_id: event.id });
    const thread = await world.sql("select id, started_by, participant_id from public.threads where event_id = $1", [event.id]);
    expect(thread.rows).toEqual([{ id: String(first.thread_id), started_by: "participant", participant_id: event.participants["p001@contact.test"] }]);
    const second = await ok<MessageJson>(contact("participantA", event.id, "Me again"));
    expect(second.thread_id).toBe(first.thread_id);
    expect(await countThreads(event.id)).toBe(1);
    const clientId = crypto.randomUUID();
    const a = await ok<MessageJson>(contact("participantA", event.id, "Retry safe", clientId));
    const b = await ok<MessageJson>(contact("participantA", event.id, "Retry safe", clientId));
    expect(b.id).toBe(a.id);
    expect(await countMessages(event.id)).toBe(3);
  });

  it("when the option is off, refuses a new conversation but lets existing threads be answered", async () => {
    await ok(send("organizerA", event.id, "Organizer first", { kind: "selection", participantIds: [event.participants["p003@contact.test"]] }));
    await world.sql(
      `insert into public.site_settings (event_id, allow_contact_organizer) values ($1, false)
       on conflict (event_id) do update set allow_contact_organizer = false`,
      [event.id],
    );
    try {
      const before = await counts(event.id);
      expectFailure(await contact("participantA2", event.id, "May I?"), 403, "contact_organizer_disabled");
      expect(await counts(event.id)).toEqual(before);
      // the thread the participant started earlier, and the one the organizer started
      await ok(contact("participantA", event.id, "Still here"));
      await ok(post("participantA", await threadOf(event.participants["p001@contact.test"]), "And here"));
      await ok(contact("newcomer", event.id, "Answering the organizer"));
      await ok(post("newcomer", await threadOf(event.participants["p003@contact.test"]), "Again"));
      expect(await countThreads(event.id)).toBe(2);
    } finally {
      await world.sql("update public.site_settings set allow_contact_organizer = true where event_id = $1", [event.id]);
    }
    await ok(contact("participantA2", event.id, "Now I may"));
    expect(await countThreads(event.id)).toBe(3);
  });

  it("refuses non-participants with PT403 not_a_participant, and a bad body with PT422", async () => {
    for (const who of ["participantB", "organizerA", "translatorA", "stranger"] as const) {
      expectFailure(await contact(who, event.id, "Hello"), 403, "not_a_participant");
    }
    expectRefused(await contact("anon", event.id, "Hello"));
    expectFailure(await contact("participantA", event.id, ""), 422, "message_empty");
    expectFailure(await contact("participantA", event.id, "z".repeat(4001)), 422, "message_too_long");
  });
});

describe("read state: mark_thread_read, participant_unread_count, organizer_inbox unread", () => {
  let event: CreatedEvent;
  let threadId: number;
  beforeAll(async () => {
    event = await world.addEvent("read", seed("read", 2, ["participantA"]));
  });

  it("counts organizer messages unread by the participant until they mark the thread read", async () => {
    expect(await ok(unreadCount("participantA", event.id))).toBe(0);
    await ok(send("organizerA", event.id, "One", { kind: "view" }));
    threadId = await threadOf(event.participants["p001@read.test"]);
    expect(await ok(unreadCount("participantA", event.id))).toBe(1);
    await ok(post("organizerA", threadId, "Two"));
    await ok(post("participantA", threadId, "My own message is not unread"));
    expect(await ok(unreadCount("participantA", event.id))).toBe(2);
    await done(world.as.participantA.rpc("mark_thread_read", { thread_id: threadId }));
    expect(await ok(unreadCount("participantA", event.id))).toBe(0);
    await ok(post("organizerA", threadId, "Three"));
    expect(await ok(unreadCount("participantA", event.id))).toBe(1);
    // another participant, or someone without a participant record, has nothing unread here
    expect(await ok(unreadCount("participantA2", event.id))).toBe(0);
    expect(await ok(unreadCount("organizerA", event.id))).toBe(0);
  });

  it("flags a thread unread in the organizer inbox after a participant message, until an organizer marks it read", async () => {
    await ok(post("participantA", threadId, "Any news?"));
    const unread = await ok<InboxRow[]>(inbox("organizerA", event.id));
    expect(unread.find((r) => r.thread_id === threadId)).toMatchObject({ unread: true, last_message_side: "participant", preview: "Any news?" });
    await done(world.as.organizerA.rpc("mark_thread_read", { thread_id: threadId }));
    const read = await ok<InboxRow[]>(inbox("organizerA", event.id));
    expect(read.find((r) => r.thread_id === threadId)).toMatchObject({ unread: false });
    // the organizer reading does not mark the participant's side read
    expect(await ok(unreadCount("participantA", event.id))).toBe(1);
  });

  it("refuses mark_thread_read on someone else's thread with PT404", async () => {
    for (const who of ["participantA2", "organizerB", "translatorA"] as const) {
      expectFailure(await world.as[who].rpc("mark_thread_read", { thread_id: threadId }), 404, "thread_not_found");
    }
    expectRefused(await world.as.anon.rpc("mark_thread_read", { thread_id: threadId }));
  });
});

describe("organizer_inbox", () => {
  let event: CreatedEvent;
  const threads: Record<string, number> = {};
  beforeAll(async () => {
    event = await world.addEvent("inbox", seed("inbox", 4, ["participantA"]));
    const p = (n: string) => event.participants[`p00${n}@inbox.test`];
    await ok(send("organizerA", event.id, "Welcome all " + "w".repeat(200), { kind: "selection", participantIds: [p("2"), p("3")] }));
    await ok(send("organizerA", event.id, "Hello one", { kind: "selection", participantIds: [p("1")] }));
    for (const n of ["1", "2", "3"]) threads[n] = await threadOf(p(n));
    await ok(post("participantA", threads["1"], "Question from one"));
    await ok(post("organizerA", threads["2"], "Reply to two"));
  });

  it("lists threads newest activity first, with the newest message's preview (broadcast text too) and unread state", async () => {
    const rows = await ok<InboxRow[]>(inbox("organizerA", event.id));
    expect(rows.map((r) => [r.thread_id, r.last_name, r.last_message_side, r.preview, r.unread])).toEqual([
      [threads["2"], "002", "organizer", "Reply to two", false],
      [threads["1"], "001", "participant", "Question from one", true],
      [threads["3"], "003", "organizer", ("Welcome all " + "w".repeat(200)).slice(0, 140), false],
    ]);
    expect(rows[0]).toMatchObject({ participant_id: event.participants["p002@inbox.test"], first_name: "Person", email: "p002@inbox.test" });
    expect(rows[0].last_message_id).toBeGreaterThan(rows[1].last_message_id);
  });

  it("searches participants and filters unread_only", async () => {
    expect((await ok<InboxRow[]>(inbox("organizerA", event.id, { search: "003" }))).map((r) => r.thread_id)).toEqual([threads["3"]]);
    expect((await ok<InboxRow[]>(inbox("organizerA", event.id, { search: "  P001@INBOX " }))).map((r) => r.thread_id)).toEqual([threads["1"]]);
    expect(await ok(inbox("organizerA", event.id, { search: "%" }))).toEqual([]);
    expect((await ok<InboxRow[]>(inbox("organizerA", event.id, { search: "" }))).length).toBe(3);
    expect((await ok<InboxRow[]>(inbox("organizerA", event.id, { unread_only: true }))).map((r) => r.thread_id)).toEqual([threads["1"]]);
  });

  it("pages by keyset with before and page_size", async () => {
    const seen: number[] = [];
    let before: number | null = null;
    for (;;) {
      const page: InboxRow[] = await ok<InboxRow[]>(inbox("organizerA", event.id, { page_size: 1, ...(before ? { before } : {}) }));
      if (page.length === 0) break;
      expect(page.length).toBe(1);
      seen.push(page[0].thread_id);
      before = page[0].last_message_id;
    }
    expect(seen).toEqual([threads["2"], threads["1"], threads["3"]]);
    expect((await ok<InboxRow[]>(inbox("organizerA", event.id, { page_size: 200 }))).length).toBe(3);
  });

  it("refuses page_size out of 1..200 and a long search with PT422, and non-organizers with PT403", async () => {
    expectFailure(await inbox("organizerA", event.id, { page_size: 0 }), 422, "invalid_page");
    expectFailure(await inbox("organizerA", event.id, { page_size: 201 }), 422, "invalid_page");
    expectFailure(await inbox("organizerA", event.id, { search: "s".repeat(201) }), 422, "search_too_long");
    for (const who of ["organizerB", "translatorA", "participantA"] as const) {
      expectFailure(await inbox(who, event.id), 403, "not_an_organizer");
    }
    expectRefused(await inbox("anon", event.id));
  });
});

describe("link_participant_account", () => {
  const link = (who: Who, event: string) => world.as[who].rpc("link_participant_account", { target_event_id: event });

  it("links the signed-in user to the participant registered with their confirmed address, once", async () => {
    const expected = world.eventA.participants["nora@example.test"];
    expect(await ok(link("newcomer", world.eventA.id))).toBe(expected);
    expect(await ok(link("newcomer", world.eventA.id))).toBe(expected);
    const row = await world.sql("select user_id from public.participants where id = $1", [expected]);
    expect(row.rows[0].user_id).toBe(USERS.newcomer);
    expect(await ok(link("participantA", world.eventA.id))).toBe(world.eventA.participants["ada@example.test"]);
  });

  it("refuses an email that is not registered for the event with PT403, and anon", async () => {
    expectFailure(await link("stranger", world.eventA.id), 403, "not_registered");
    // registered for event A, not for event B
    expectFailure(await link("newcomer", world.eventB.id), 403, "not_registered");
    expectRefused(await link("anon", world.eventA.id));
    const linked = await one("select count(*) n from public.participants where user_id = $1", [USERS.stranger]);
    expect(linked).toBe(0);
  });
});

describe("Realtime rows written by the functions", () => {
  const topicCounts = async (topics: string[], event: string) => {
    const { rows } = await world.sql<{ topic: string; event: string; n: number }>(
      "select topic, event, count(*)::int n from realtime.messages where topic = any($1) and event = $2 group by topic, event order by topic",
      [topics, event],
    );
    return rows;
  };

  it("post_message notifies the thread, the participant and the event's inbox", async () => {
    const event = await world.addEvent("rt-post", seed("rt-post", 1, ["participantA"]));
    const participant = event.participants["p001@rt-post.test"];
    await ok(send("organizerA", event.id, "Hello", { kind: "view" }));
    const message = await ok<MessageJson>(post("participantA", await threadOf(participant), "Ping"));
    const topics = [threadTopic(message.thread_id), participantTopic(participant), eventInboxTopic(event.id)];
    expect(await topicCounts(topics, "message")).toEqual(
      topics.map((topic) => ({ topic, event: "message", n: 1 })).sort((a, b) => (a.topic < b.topic ? -1 : 1)),
    );
    await ok(post("organizerA", message.thread_id, "Pong"));
    const { rows } = await world.sql("select payload from realtime.messages where topic = $1 and event = 'message' order by inserted_at", [
      threadTopic(message.thread_id),
    ]);
    expect(rows.length).toBe(2);
    expect(rows[1].payload).toMatchObject({ body: "Pong", author_side: "organizer", author_name: ORGANIZER_A_NAME, participant_id: participant, thread_id: message.thread_id });
  });

  it("send_broadcast writes exactly one row to the participants topic and one to the inbox, whatever the recipient count", async () => {
    const event = await world.addEvent("rt-send", seed("rt-send", 25));
    const result = await ok<SendResult>(send("organizerA", event.id, "To everyone", { kind: "view" }));
    expect(result.recipient_count).toBe(25);
    expect(await topicCounts([eventParticipantsTopic(event.id), eventInboxTopic(event.id)], "broadcast")).toEqual([
      { topic: eventInboxTopic(event.id), event: "broadcast", n: 1 },
      { topic: eventParticipantsTopic(event.id), event: "broadcast", n: 1 },
    ]);
    const perRecipient = await world.sql(
      "select count(*)::int n from realtime.messages where topic = any($1)",
      [Object.values(event.participants).map((id) => participantTopic(id))],
    );
    expect(perRecipient.rows[0].n).toBe(0);
  });
});
