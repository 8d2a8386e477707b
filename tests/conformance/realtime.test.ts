import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { createTestStack, userAccessToken, type TestStack } from "../../supabase/local/testing.ts";
import {
  realtimeClient,
  recordBroadcasts,
  sleep,
  subscribed,
  subscribeOutcome,
  waitFor,
  type ClientOptions,
} from "../../supabase/local/realtime/testing.ts";

let stack: TestStack;
let sql: pg.Client;
const clients: SupabaseClient[] = [];

function client(options: ClientOptions = {}): SupabaseClient {
  const supabase = realtimeClient(stack.url, stack.keys, options);
  clients.push(supabase);
  return supabase;
}

/** A signed-in client; like apps using private channels, it resolves its token before the first subscribe. */
async function authedClient(token: string): Promise<SupabaseClient> {
  const supabase = client({ token });
  await supabase.realtime.setAuth();
  return supabase;
}

function userToken(sub: string, extra: Record<string, unknown> = {}): Promise<string> {
  return userAccessToken(stack.keys, sub, extra);
}

const alice = randomUUID();
const bob = randomUUID();

beforeAll(async () => {
  stack = await createTestStack(inject("cluster"), { bare: true });
  sql = new pg.Client({ connectionString: stack.roles.postgres });
  await sql.connect();
  // Membership decides who reads/writes a private topic, like an app's policies on realtime.messages.
  await sql.query(`
    create table public.rt_members (topic text not null, user_id uuid not null, can_write boolean not null default true);
    alter table public.rt_members enable row level security;
    create policy "members see their rows" on public.rt_members for select to authenticated using (user_id = (select auth.uid()));
    grant select on public.rt_members to authenticated;
    create policy "members read topics" on realtime.messages for select to authenticated using (
      realtime.messages.extension in ('broadcast', 'presence')
      and exists (select 1 from public.rt_members m where m.topic = (select realtime.topic()) and m.user_id = (select auth.uid())));
    create policy "writers send to topics" on realtime.messages for insert to authenticated with check (
      realtime.messages.extension in ('broadcast', 'presence')
      and exists (select 1 from public.rt_members m where m.topic = (select realtime.topic()) and m.user_id = (select auth.uid()) and m.can_write));
  `);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((supabase) => supabase.removeAllChannels()));
});

afterAll(async () => {
  await sql?.end();
  await stack?.stop();
});

async function addMember(topic: string, userId: string, canWrite = true): Promise<void> {
  await sql.query("insert into public.rt_members (topic, user_id, can_write) values ($1, $2, $3)", [topic, userId, canWrite]);
}

function upgradeStatus(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.on("open", () => {
      socket.close();
      resolve({ status: 101, body: "" });
    });
    socket.on("error", (error) => {
      if (!String(error.message).includes("Unexpected server response")) reject(error);
    });
  });
}

describe("connection", () => {
  it("accepts the project keys and refuses a bad apikey with 401 on upgrade", async () => {
    const ws = stack.url.replace("http", "ws") + "/realtime/v1/websocket";
    for (const key of [stack.keys.publishableKey, stack.keys.anonKey, stack.keys.secretKey, stack.keys.serviceRoleKey]) {
      expect((await upgradeStatus(`${ws}?apikey=${key}&vsn=2.0.0`)).status).toBe(101);
    }
    const bad = await upgradeStatus(`${ws}?apikey=sb_publishable_wrong&vsn=2.0.0`);
    expect(bad.status).toBe(401);
    expect(JSON.parse(bad.body)).toMatchObject({ error: expect.any(String) });
    expect((await upgradeStatus(`${ws}?vsn=2.0.0`)).status).toBe(401);
  });

  it("answers heartbeats and leaves with phx_close", async () => {
    const socket = new WebSocket(`${stack.url.replace("http", "ws")}/realtime/v1/websocket?apikey=${stack.keys.publishableKey}&vsn=2.0.0`);
    const frames: unknown[][] = [];
    socket.on("message", (data) => frames.push(JSON.parse(String(data)) as unknown[]));
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify([null, "1", "phoenix", "heartbeat", {}]));
    socket.send(JSON.stringify(["2", "2", "realtime:raw", "phx_join", { config: {} }]));
    socket.send(JSON.stringify(["2", "3", "realtime:raw", "phx_leave", {}]));
    await waitFor(() => frames.length >= 4, 3000, "four frames");
    socket.close();
    expect(frames).toEqual([
      [null, "1", "phoenix", "phx_reply", { status: "ok", response: {} }],
      ["2", "2", "realtime:raw", "phx_reply", { status: "ok", response: { postgres_changes: [] } }],
      ["2", "3", "realtime:raw", "phx_reply", { status: "ok", response: {} }],
      ["2", "2", "realtime:raw", "phx_close", {}],
    ]);
  });
});

describe("broadcast", () => {
  it("relays between clients, to self only when asked, and acknowledges when asked", async () => {
    const sender = client().channel("room-1", { config: { broadcast: { self: true, ack: true } } });
    const senderSeen = recordBroadcasts(sender);
    const receivers = [client(), client()].map((supabase) => supabase.channel("room-1"));
    const seen = receivers.map((channel) => recordBroadcasts(channel, "cursor"));
    const quiet = client().channel("room-1", { config: { broadcast: { self: false } } });
    const quietSeen = recordBroadcasts(quiet);
    await Promise.all([sender, ...receivers, quiet].map(subscribed));

    expect(await sender.send({ type: "broadcast", event: "cursor", payload: { x: 1, name: "é✓" } })).toBe("ok");
    expect(await quiet.send({ type: "broadcast", event: "other", payload: { y: 2 } })).toBe("ok");
    await waitFor(() => seen.every((list) => list.length === 1) && senderSeen.length === 2, 3000, "broadcasts");
    for (const list of seen) expect(list).toEqual([{ type: "broadcast", event: "cursor", payload: { x: 1, name: "é✓" } }]);
    expect(senderSeen.map((message) => message.event)).toEqual(["cursor", "other"]);
    expect(quietSeen.map((message) => message.event)).toEqual(["cursor"]); // not its own "other"
  });

  it("delivers to vsn 1.0.0 clients and from them", async () => {
    const v1 = client({ vsn: "1.0.0" }).channel("room-v1");
    const v2 = client().channel("room-v1");
    const v1Seen = recordBroadcasts(v1);
    const v2Seen = recordBroadcasts(v2);
    await Promise.all([subscribed(v1), subscribed(v2)]);
    await v2.send({ type: "broadcast", event: "from-v2", payload: { a: 1 } });
    await v1.send({ type: "broadcast", event: "from-v1", payload: { b: 2 } });
    await waitFor(() => v1Seen.length === 1 && v2Seen.length === 1, 3000, "cross-version broadcasts");
    expect(v1Seen[0]).toEqual({ type: "broadcast", event: "from-v2", payload: { a: 1 } });
    expect(v2Seen[0]).toEqual({ type: "broadcast", event: "from-v1", payload: { b: 2 } });
  });

  it("sends through POST /api/broadcast before subscribing (202)", async () => {
    const receiver = client().channel("room-rest");
    const seen = recordBroadcasts(receiver);
    await subscribed(receiver);
    const sender = client().channel("room-rest");
    expect(await sender.send({ type: "broadcast", event: "hello", payload: { via: "rest" } })).toBe("ok");
    await waitFor(() => seen.length === 1, 3000, "REST broadcast");
    expect(seen[0]).toEqual({ type: "broadcast", event: "hello", payload: { via: "rest" } });

    const response = await fetch(`${stack.url}/realtime/v1/api/broadcast`, {
      method: "POST",
      headers: { apikey: "sb_publishable_nope", "content-type": "application/json" },
      body: JSON.stringify({ messages: [] }),
    });
    expect(response.status).toBe(401);
  });

  it("refuses a payload above the limit with an error reply", async () => {
    const channel = client().channel("room-big", { config: { broadcast: { ack: true } } });
    await subscribed(channel);
    expect(await channel.send({ type: "broadcast", event: "big", payload: { blob: "x".repeat(3_100_000) } })).toBe("error");
    expect(await channel.send({ type: "broadcast", event: "small", payload: { ok: true } })).toBe("ok");
  });
});

describe("presence", () => {
  it("syncs state, joins and leaves across clients, with several tabs under one key", async () => {
    const watcherClient = client();
    const watcher = watcherClient.channel("lobby", { config: { presence: { key: "watcher" } } });
    const events: string[] = [];
    watcher.on("presence", { event: "join" }, ({ key }) => events.push(`join:${key}`));
    watcher.on("presence", { event: "leave" }, ({ key }) => events.push(`leave:${key}`));
    await subscribed(watcher);

    const tabs = [client(), client()].map((supabase) =>
      supabase.channel("lobby", { config: { presence: { key: "user-1" } } }).on("presence", { event: "sync" }, () => undefined),
    );
    await Promise.all(tabs.map(subscribed));
    expect(await tabs[0].track({ tab: 1 })).toBe("ok");
    expect(await tabs[1].track({ tab: 2 })).toBe("ok");
    const state = await waitFor(() => {
      const current = watcher.presenceState<{ tab: number }>();
      return current["user-1"]?.length === 2 ? current : null;
    }, 3000, "two tabs in presence");
    expect(state["user-1"].map((meta) => meta.tab).sort()).toEqual([1, 2]);
    expect(state["user-1"][0].presence_ref).toEqual(expect.any(String));
    // The tracker sees itself too, and a late joiner gets the state at once.
    await waitFor(() => tabs[0].presenceState()["user-1"]?.length === 2, 3000, "tracker sees both tabs");
    const late = client().channel("lobby").on("presence", { event: "sync" }, () => undefined);
    await subscribed(late);
    await waitFor(() => late.presenceState()["user-1"]?.length === 2, 3000, "late joiner state");

    // Re-track replaces the meta; untrack and a dead socket leave.
    expect(await tabs[0].track({ tab: 11 })).toBe("ok");
    await waitFor(() => watcher.presenceState<{ tab: number }>()["user-1"]?.some((meta) => meta.tab === 11), 3000, "re-track");
    expect(watcher.presenceState()["user-1"]).toHaveLength(2);
    expect(await tabs[0].untrack()).toBe("ok");
    await waitFor(() => watcher.presenceState()["user-1"]?.length === 1, 3000, "untrack");
    tabs[1].socket.disconnect();
    await waitFor(() => watcher.presenceState()["user-1"] === undefined, 3000, "socket closed");
    expect(events).toContain("join:user-1");
    expect(events).toContain("leave:user-1");
  });
});

describe("private channels", () => {
  it("lets members join, send and track; refuses others at join, and drops their writes", async () => {
    const topic = `private-${randomUUID()}`;
    await addMember(topic, alice);
    await addMember(topic, bob, false); // reads only
    const aliceChannel = (await authedClient(await userToken(alice))).channel(topic, {
      config: { private: true, broadcast: { self: true, ack: true }, presence: { key: alice } },
    });
    const bobChannel = (await authedClient(await userToken(bob))).channel(topic, {
      config: { private: true, broadcast: { ack: true } },
    });
    const aliceSeen = recordBroadcasts(aliceChannel);
    const bobSeen = recordBroadcasts(bobChannel);
    await Promise.all([subscribed(aliceChannel), subscribed(bobChannel)]);

    expect(await aliceChannel.send({ type: "broadcast", event: "msg", payload: { n: 1 } })).toBe("ok");
    await waitFor(() => bobSeen.length === 1 && aliceSeen.length === 1, 3000, "member broadcast");
    expect(await aliceChannel.track({ online: true })).toBe("ok");
    // Bob may read but not write: his broadcast is dropped without a reply, his track refused.
    const bobSend = await bobChannel.send({ type: "broadcast", event: "msg", payload: { n: 2 } }, { timeout: 800 });
    expect(bobSend).toBe("timed out");
    expect(await bobChannel.track({ online: true })).toBe("error");
    await sleep(200);
    expect(aliceSeen).toHaveLength(1);

    // Anon and a non-member are refused at join, with Supabase's reason.
    for (const supabase of [client(), await authedClient(await userToken(randomUUID()))]) {
      const outsider = supabase.channel(topic, { config: { private: true } });
      const outcome = await subscribeOutcome(outsider);
      expect(outcome.status).toBe("CHANNEL_ERROR");
      expect(outcome.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`);
    }
    // The public channel of the same name is another topic.
    const publicChannel = client().channel(topic);
    const publicSeen = recordBroadcasts(publicChannel);
    await subscribed(publicChannel);
    await aliceChannel.send({ type: "broadcast", event: "msg", payload: { n: 3 } });
    await waitFor(() => bobSeen.length === 2, 3000, "second member broadcast");
    expect(publicSeen).toHaveLength(0);
  });

  it("re-checks read on a token update and closes the channel when it is revoked", async () => {
    const topic = `private-${randomUUID()}`;
    await addMember(topic, alice);
    const supabase = client({ key: stack.keys.publishableKey });
    await supabase.realtime.setAuth(await userToken(alice));
    const channel = supabase.channel(topic, { config: { private: true } });
    const system: unknown[] = [];
    channel.on("system", {}, (payload) => system.push(payload));
    const statuses: string[] = [];
    await new Promise<void>((resolve) =>
      channel.subscribe((status) => {
        statuses.push(status);
        if (status === "SUBSCRIBED") resolve();
      }),
    );
    // A fresh token of a still-member keeps the channel.
    await supabase.realtime.setAuth(await userToken(alice, { session_id: "second" }));
    await sleep(200);
    expect(channel.state).toBe("joined");
    // Membership revoked, next token update: system error and phx_close.
    await sql.query("delete from public.rt_members where topic = $1", [topic]);
    await supabase.realtime.setAuth(await userToken(alice, { session_id: "third" }));
    await waitFor(() => statuses.includes("CLOSED"), 3000, "channel closed");
    expect(system).toContainEqual(
      expect.objectContaining({
        extension: "system",
        status: "error",
        message: `You no longer have permission to read from this Channel topic: ${topic}`,
      }),
    );
  });

  it("refuses an expired token and a token without exp at join", async () => {
    const expired = await userToken(alice, { exp: Math.floor(Date.now() / 1000) - 10 });
    const outcome = await subscribeOutcome((await authedClient(expired)).channel("room-exp"));
    expect(outcome.status).toBe("CHANNEL_ERROR");
    expect(outcome.error?.message).toMatch(/expired/i);
    const noExp = await stack.keys.signAccessToken({ sub: alice, role: "authenticated" });
    const second = await subscribeOutcome((await authedClient(noExp)).channel("room-exp"));
    expect(second.error?.message).toMatch(/exp/);
  });
});

describe("unsupported features", () => {
  it("refuses postgres_changes at join with an error naming it", async () => {
    const channel = client()
      .channel("pg")
      .on("postgres_changes", { event: "INSERT", schema: "public", table: "rt_members" }, () => undefined);
    const outcome = await subscribeOutcome(channel);
    expect(outcome.status).toBe("CHANNEL_ERROR");
    expect(outcome.error?.message).toMatch(/postgres_changes is not supported/);
  });
});
