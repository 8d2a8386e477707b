import { randomBytes, randomUUID } from "node:crypto";
import { connect, type Socket } from "node:net";
import type { SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { cloneDatabase, dropDatabase } from "../../supabase/local/database.ts";
import { generateSecrets } from "../../supabase/local/keys.ts";
import { startStack } from "../../supabase/local/server.ts";
import { createTestStack, freePort, type TestStack } from "../../supabase/local/testing.ts";
import { realtimeClient, recordBroadcasts, subscribed, waitFor } from "../../supabase/local/realtime/testing.ts";

// Limits shortened so the behaviour shows within a test: silent sockets, oversized frames, slow readers, restarts.

let stack: TestStack;
const clients: SupabaseClient[] = [];
const sockets: { close(): void }[] = [];

beforeAll(async () => {
  stack = await createTestStack(inject("cluster"), {
    bare: true,
    realtime: { heartbeatTimeoutMs: 1000, maxFrameBytes: 64 * 1024, maxSendBufferBytes: 4 * 1024 * 1024 },
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((supabase) => supabase.removeAllChannels()));
  for (const socket of sockets.splice(0)) socket.close();
});

afterAll(() => stack?.stop());

function fastClient(): SupabaseClient {
  const supabase = realtimeClient(stack.url, stack.keys, { heartbeatIntervalMs: 250 });
  clients.push(supabase);
  return supabase;
}

function socketUrl(target: TestStack = stack): string {
  return `${target.url.replace("http", "ws")}/realtime/v1/websocket?apikey=${target.keys.publishableKey}&vsn=2.0.0`;
}

async function rawWebSocket(): Promise<WebSocket> {
  const socket = new WebSocket(socketUrl());
  sockets.push(socket);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return socket;
}

/** A WebSocket client on a bare TCP socket, so the test can stop reading (a stuck browser tab). */
async function rawTcpWebSocket(target: TestStack): Promise<Socket> {
  const { hostname, port, pathname, search } = new URL(socketUrl(target));
  const socket = connect(Number(port), hostname);
  sockets.push({ close: () => socket.destroy() });
  await new Promise((resolve) => socket.once("connect", resolve));
  socket.write(
    `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise<void>((resolve) =>
    socket.once("data", (data: Buffer) => {
      expect(data.toString()).toMatch(/^HTTP\/1.1 101/);
      resolve();
    }),
  );
  return socket;
}

function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const header =
    payload.length < 126
      ? Buffer.from([0x81, 0x80 | payload.length])
      : Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]));
  return Buffer.concat([header, mask, masked]);
}

describe("realtime robustness", () => {
  it("closes a silent socket after the heartbeat timeout and removes its presence", async () => {
    const watcher = fastClient().channel("silent-room").on("presence", { event: "sync" }, () => undefined);
    await subscribed(watcher);
    const silent = await rawWebSocket();
    const closed = new Promise((resolve) => silent.once("close", resolve));
    silent.send(JSON.stringify(["1", "1", "realtime:silent-room", "phx_join", { config: { presence: { key: "ghost" } } }]));
    silent.send(JSON.stringify(["1", "2", "realtime:silent-room", "presence", { type: "presence", event: "track", payload: { a: 1 } }]));
    await waitFor(() => watcher.presenceState().ghost, 3000, "ghost tracked");
    await closed;
    await waitFor(() => watcher.presenceState().ghost === undefined, 3000, "ghost left");
    // The watcher, which sends heartbeats, stays connected.
    expect(watcher.state).toBe("joined");
  });

  it("closes a socket that sends a frame above the limit with code 1009", async () => {
    const socket = await rawWebSocket();
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.send(JSON.stringify(["1", "1", "realtime:big", "phx_join", { config: {}, blob: "x".repeat(100 * 1024) }]));
    expect(await closed).toBe(1009);
  });

  it("drops a reader that stops reading, without holding back the others", async () => {
    // Its own stack: with the 1 s heartbeat timeout above, a test process busy reading 40 MB could miss a heartbeat.
    const flooded = await createTestStack(inject("cluster"), { bare: true, realtime: { maxSendBufferBytes: 4 * 1024 * 1024 } });
    sockets.push({ close: () => void flooded.stop() });
    const topic = `flood-${randomUUID()}`;
    const healthyClient = realtimeClient(flooded.url, flooded.keys);
    clients.push(healthyClient);
    const healthy = healthyClient.channel(topic);
    const received = recordBroadcasts(healthy);
    await subscribed(healthy);
    const stuck = await rawTcpWebSocket(flooded);
    stuck.write(maskedTextFrame(JSON.stringify(["1", "1", `realtime:${topic}`, "phx_join", { config: {} }])));
    await new Promise((resolve) => setTimeout(resolve, 200));
    stuck.pause();
    const closed = new Promise((resolve) => stuck.once("close", resolve));

    const sql = new pg.Client({ connectionString: flooded.roles.postgres });
    await sql.connect();
    try {
      // 24 MB for each subscriber, far above the 4 MB send buffer plus what the kernel holds.
      await sql.query(
        `insert into realtime.messages (topic, extension, event, payload, private)
         select $1, 'broadcast', 'flood', jsonb_build_object('n', g, 'pad', repeat('x', 1500)), false
         from generate_series(1, 16000) g`,
        [topic],
      );
    } finally {
      await sql.end();
    }
    await waitFor(() => received.length === 16_000, 60_000, "all messages at the healthy reader");
    stuck.resume();
    stuck.on("data", () => undefined);
    await closed;
  }, 90_000);
});

describe("stack restart", () => {
  it("is survived by clients: they reconnect, rejoin their private channel and receive again", async () => {
    const cluster = inject("cluster");
    const name = `test_rt_restart_${randomBytes(4).toString("hex")}`;
    const databaseUrl = await cloneDatabase(cluster.superuserUrl, cluster.template, name);
    const secrets = { ...(await generateSecrets()), databasePassword: cluster.password };
    const port = await freePort();
    let running = await startStack({ databaseUrl, secrets, port });
    const sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    try {
      await sql.query(`create policy "read rooms" on realtime.messages for select to authenticated using (realtime.topic() like 'room:%')`);
      const token = await running.keys.signAccessToken({
        sub: randomUUID(),
        role: "authenticated",
        exp: Math.floor(Date.now() / 1000) + 3600,
      });
      const supabase = realtimeClient(running.url, running.keys, { token });
      clients.push(supabase);
      await supabase.realtime.setAuth();
      const topic = `room:${randomUUID()}`;
      const channel = supabase.channel(topic, { config: { private: true } });
      const received = recordBroadcasts(channel);
      const statuses: string[] = [];
      channel.subscribe((status) => statuses.push(status));
      await waitFor(() => statuses.includes("SUBSCRIBED"), 5000, "first join");

      await running.stop();
      await waitFor(() => statuses.includes("CHANNEL_ERROR"), 5000, "socket loss noticed");
      running = await startStack({ databaseUrl, secrets, port });
      await waitFor(() => statuses.filter((status) => status === "SUBSCRIBED").length === 2, 15_000, "rejoin");
      await sql.query("select realtime.send('{\"after\":\"restart\"}', 'ping', $1)", [topic]);
      await waitFor(() => received.length === 1, 5000, "message after the restart");
      expect(received[0].payload.after).toBe("restart");
    } finally {
      await Promise.all(clients.splice(0).map((supabase) => supabase.removeAllChannels()));
      await sql.end();
      await running.stop();
      await dropDatabase(cluster.superuserUrl, name);
    }
  }, 40_000);
});
