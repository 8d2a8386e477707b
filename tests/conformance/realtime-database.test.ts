import { randomUUID } from "node:crypto";
import type { SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestStack, userAccessToken, type TestStack } from "../../supabase/local/testing.ts";
import {
  realtimeClient,
  recordBroadcasts,
  sleep,
  subscribed,
  waitFor,
  type BroadcastMessage,
} from "../../supabase/local/realtime/testing.ts";

// Database broadcasts (realtime.send, realtime.broadcast_changes, plain inserts into realtime.messages) reach
// subscribed, authorized clients after COMMIT, in commit order, never after ROLLBACK.

let stack: TestStack;
const connections: pg.Client[] = [];
const clients: SupabaseClient[] = [];
const member = randomUUID();

async function sqlClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: stack.roles.postgres });
  await client.connect();
  connections.push(client);
  return client;
}

async function memberChannel(topic: string, options: { private?: boolean } = {}) {
  const token = await userAccessToken(stack.keys, member);
  const supabase = realtimeClient(stack.url, stack.keys, { token });
  clients.push(supabase);
  await supabase.realtime.setAuth();
  const channel = supabase.channel(topic, { config: { private: options.private ?? true } });
  const received = recordBroadcasts(channel);
  await subscribed(channel);
  return { channel, received };
}

let sql: pg.Client;

beforeAll(async () => {
  stack = await createTestStack(inject("cluster"), { bare: true });
  sql = await sqlClient();
  // Topics starting with "room:" are readable by any signed-in user; "presence-only:" topics only for presence.
  await sql.query(`
    create policy "signed-in users read rooms" on realtime.messages for select to authenticated
      using (realtime.topic() like 'room:%' and realtime.messages.extension = 'broadcast');
    create policy "signed-in users send to rooms" on realtime.messages for insert to authenticated
      with check (realtime.topic() like 'room:%' and realtime.messages.extension = 'broadcast');
    create policy "signed-in users see presence" on realtime.messages for select to authenticated
      using (realtime.topic() like 'presence-only:%' and realtime.messages.extension = 'presence');
    create table public.notes (id bigint generated always as identity primary key, room text not null, body text not null);
    create function public.notes_broadcast() returns trigger language plpgsql security definer set search_path = '' as $$
    begin
      perform realtime.broadcast_changes('room:' || coalesce(new.room, old.room), tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
      return null;
    end $$;
    create trigger notes_broadcast after insert or update or delete on public.notes
      for each row execute function public.notes_broadcast();
  `);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((supabase) => supabase.removeAllChannels()));
});

afterAll(async () => {
  await Promise.all(connections.map((client) => client.end()));
  await stack?.stop();
});

describe("database broadcasts", () => {
  it("delivers realtime.send() after commit with the payload id as meta.id, and never after rollback", async () => {
    const topic = `room:${randomUUID()}`;
    const { received } = await memberChannel(topic);
    await sql.query("begin");
    await sql.query("select realtime.send($1::jsonb, 'note', $2)", [JSON.stringify({ text: "kept" }), topic]);
    await sleep(300);
    expect(received).toHaveLength(0); // not before commit
    await sql.query("commit");
    const [message] = await waitFor(() => (received.length === 1 ? received : null), 3000, "committed message");
    expect(message).toMatchObject({ type: "broadcast", event: "note", payload: { text: "kept", id: expect.any(String) } });
    expect(message.meta).toEqual({ id: message.payload.id });

    await sql.query("begin");
    await sql.query("select realtime.send($1::jsonb, 'note', $2)", [JSON.stringify({ text: "rolled back" }), topic]);
    await sql.query("rollback");
    await sql.query("select realtime.send($1::jsonb, 'note', $2)", [JSON.stringify({ text: "after" }), topic]);
    await waitFor(() => received.length >= 2, 3000, "message after the rollback");
    await sleep(100);
    expect(received.map((m) => m.payload.text)).toEqual(["kept", "after"]);
  });

  it("delivers in commit order, not statement order", async () => {
    const topic = `room:${randomUUID()}`;
    const { received } = await memberChannel(topic);
    const [first, second] = [await sqlClient(), await sqlClient()];
    await first.query("begin");
    await first.query("select realtime.send('{\"n\":\"first-written\"}', 'order', $1)", [topic]);
    await second.query("begin");
    await second.query("select realtime.send('{\"n\":\"second-written\"}', 'order', $1)", [topic]);
    await second.query("commit");
    await first.query("commit");
    await waitFor(() => received.length === 2, 3000, "two messages");
    expect(received.map((m) => m.payload.n)).toEqual(["second-written", "first-written"]);
  });

  it("delivers payloads above NOTIFY's 8,000-byte limit", async () => {
    const topic = `room:${randomUUID()}`;
    const { received } = await memberChannel(topic);
    const text = "ü".repeat(40_000);
    await sql.query("select realtime.send($1::jsonb, 'big', $2)", [JSON.stringify({ text }), topic]);
    await waitFor(() => received.length === 1, 3000, "big message");
    expect(received[0].payload.text).toBe(text);
  });

  it("delivers broadcast_changes from a row trigger, and only to the matching private topic", async () => {
    const room = randomUUID();
    const { received } = await memberChannel(`room:${room}`);
    const { received: publicReceived } = await memberChannel(`room:${room}`, { private: false });
    await sql.query("insert into public.notes (room, body) values ($1, 'hello')", [room]);
    await sql.query("update public.notes set body = 'edited' where room = $1", [room]);
    await waitFor(() => received.length === 2, 3000, "two changes");
    const [insert, update] = received;
    expect(insert.event).toBe("INSERT");
    expect(insert.payload).toMatchObject({
      operation: "INSERT",
      table: "notes",
      schema: "public",
      record: { room, body: "hello" },
      old_record: null,
      id: expect.any(String),
    });
    expect(insert.meta).toEqual({ id: insert.payload.id });
    expect(update.payload).toMatchObject({ operation: "UPDATE", record: { body: "edited" }, old_record: { body: "hello" } });
    // A public message reaches the public channel only.
    await sql.query("select realtime.send('{\"scope\":\"public\"}', 'pub', $1, false)", [`room:${room}`]);
    await waitFor(() => publicReceived.length === 1, 3000, "public message");
    expect(publicReceived[0].payload.scope).toBe("public");
    expect(received).toHaveLength(2);
  });

  it("does not deliver broadcasts to a join that may read presence only", async () => {
    const topic = `presence-only:${randomUUID()}`;
    const token = await stack.keys.signAccessToken({ sub: member, role: "authenticated", exp: Math.floor(Date.now() / 1000) + 600 });
    const supabase = realtimeClient(stack.url, stack.keys, { token });
    clients.push(supabase);
    await supabase.realtime.setAuth();
    const channel = supabase.channel(topic, { config: { private: true } }).on("presence", { event: "sync" }, () => undefined);
    const received = recordBroadcasts(channel);
    await subscribed(channel);
    await sql.query("select realtime.send('{}', 'x', $1)", [topic]);
    const { received: control } = await memberChannel(`room:${randomUUID()}`);
    await sleep(300);
    expect(received).toHaveLength(0);
    expect(control).toHaveLength(0);
  });

  it("streams a set-based insert of 100,000 rows in order while other traffic keeps flowing", async () => {
    const topic = `room:${randomUUID()}`;
    const { received } = await memberChannel(topic);
    const chat = `room:${randomUUID()}`;
    const { channel: speaker } = await memberChannel(chat);
    const { received: listener } = await memberChannel(chat);

    const insert = sql.query(
      `insert into realtime.messages (topic, extension, event, payload, private)
       select $1, 'broadcast', 'bulk', jsonb_build_object('n', g), true from generate_series(1, 100000) g`,
      [topic],
    );
    await insert;
    // While the big transaction streams, a client broadcast still arrives quickly.
    await waitFor(() => received.length > 0, 5000, "the stream to start");
    await speaker.send({ type: "broadcast", event: "ping", payload: {} });
    // The speaker does not get its own message; the listener must, well before the stream ends.
    await waitFor(() => listener.length === 1, 5000, "ping during the stream");
    const countAtPing = received.length;
    await waitFor(() => received.length === 100_000, 60_000, "all 100,000 rows");
    expect(countAtPing).toBeLessThan(100_000);
    let inOrder = true;
    received.forEach((message: BroadcastMessage, index) => {
      if (message.payload.n !== index + 1) inOrder = false;
    });
    expect(inOrder).toBe(true);
  }, 90_000);
});
