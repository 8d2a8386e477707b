// Realtime benchmark: `node bench/realtime.ts [sockets] [messages]` (defaults 1000, 5000, or BENCH_SOCKETS / BENCH_MESSAGES).
// A throw-away cluster and a stack server in a child process (so its RSS and CPU are its own); N real supabase-js
// clients on loopback, each a different user joined to its own private topic (authorized by a realtime.messages
// policy). Measures latency from issuing the committing INSERT (an autocommit realtime.send()) to the client callback,
// fan-out throughput of set-based inserts, lost / duplicated messages, and the server's RSS.
import { fork } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import type { SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { cloneDatabase } from "../supabase/local/database.ts";
import { createStackKeys, generateSecrets, type StackSecrets } from "../supabase/local/keys.ts";
import { startStack } from "../supabase/local/server.ts";
import { startTestCluster } from "../supabase/local/testing.ts";
import { realtimeClient, subscribed } from "../supabase/local/realtime/testing.ts";
import { record } from "./results.ts";
import { percentile } from "./stats.ts";

interface ServeRequest {
  databaseUrl: string;
  secrets: StackSecrets;
}

async function serve(): Promise<void> {
  const request = await new Promise<ServeRequest>((resolve) => process.once("message", (m) => resolve(m as ServeRequest)));
  const stack = await startStack({ databaseUrl: request.databaseUrl, secrets: request.secrets, port: 0 });
  process.send?.({ url: stack.url });
  process.once("disconnect", () => void stack.stop().then(() => process.exit(0)));
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

async function main(): Promise<void> {
  const sockets = Number(process.argv[2] ?? process.env.BENCH_SOCKETS ?? 1000);
  const messages = Number(process.argv[3] ?? process.env.BENCH_MESSAGES ?? 5000);
  const bursts = 20;
  console.log(`realtime bench: ${sockets} sockets, ${messages} single messages, ${bursts} bursts of ${sockets} rows`);

  const { cluster, stop } = await startTestCluster();
  const databaseUrl = await cloneDatabase(cluster.superuserUrl, cluster.bareTemplate, `bench_${randomBytes(4).toString("hex")}`);
  const secrets = { ...(await generateSecrets()), databasePassword: cluster.password };
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create policy "bench users read their topic" on realtime.messages for select to authenticated
    using (realtime.topic() = 'bench:' || (select auth.uid())::text)`);

  const server = fork(import.meta.filename, ["--serve"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  server.send({ databaseUrl, secrets } satisfies ServeRequest);
  const { url } = await new Promise<{ url: string }>((resolve) => server.once("message", (m) => resolve(m as { url: string })));
  const keys = await createStackKeys(secrets, `${url}/auth/v1`);
  const rssIdle = rssMiB(server.pid ?? 0);

  const users = Array.from({ length: sockets }, () => randomUUID());
  const received = new Map<string, number[]>(); // topic → seqs in arrival order
  const latencies: number[] = [];
  const sentAt = new Map<number, number>();
  let burstReceived = 0;
  const clients: SupabaseClient[] = [];
  const joinStart = performance.now();
  await inBatches(users, 50, async (user) => {
    const token = await keys.signAccessToken({ sub: user, role: "authenticated", exp: Math.floor(Date.now() / 1000) + 3600 });
    const supabase = realtimeClient(url, keys, { token });
    clients.push(supabase);
    await supabase.realtime.setAuth();
    const topic = `bench:${user}`;
    received.set(topic, []);
    const channel = supabase.channel(topic, { config: { private: true } });
    channel.on("broadcast", { event: "*" }, (message) => {
      const seq = Number(message.payload.seq);
      received.get(topic)?.push(seq);
      if (message.event === "single") {
        const start = sentAt.get(seq);
        if (start !== undefined) latencies.push(performance.now() - start);
      } else burstReceived++;
    });
    await subscribed(channel);
  });
  const joinSeconds = (performance.now() - joinStart) / 1000;
  const rssJoined = rssMiB(server.pid ?? 0);
  console.log(`joined ${sockets} private channels in ${joinSeconds.toFixed(1)} s; server RSS ${rssJoined} MiB (idle ${rssIdle})`);

  // Phase 1: single-row transactions, paced, from 4 connections; latency = issue of the committing INSERT → callback.
  const writers = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const expected = new Map<string, number[]>();
  const commitTimes: number[] = [];
  const rate = 500; // messages per second
  const phaseStart = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let seq = 0; seq < messages; seq++) {
    const due = phaseStart + (seq * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const topic = `bench:${users[seq % users.length]}`;
    expected.set(topic, [...(expected.get(topic) ?? []), seq]);
    sentAt.set(seq, performance.now());
    const issued = performance.now();
    pending.push(
      writers
        .query("select realtime.send(jsonb_build_object('seq', $1::int), 'single', $2)", [seq, topic])
        .then(() => commitTimes.push(performance.now() - issued)),
    );
  }
  await Promise.all(pending);
  const settle = performance.now();
  while (latencies.length < messages && performance.now() - settle < 10_000) await new Promise((r) => setTimeout(r, 20));
  const rssLoaded = rssMiB(server.pid ?? 0);

  // Phase 2: set-based inserts, one row per topic per statement (fan-out throughput).
  const burstStart = performance.now();
  for (let burst = 0; burst < bursts; burst++) {
    const base = messages + burst * sockets;
    await writers.query(
      `insert into realtime.messages (topic, extension, event, payload, private)
       select 'bench:' || u, 'broadcast', 'burst', jsonb_build_object('seq', $1::int + i - 1), true
       from unnest($2::text[]) with ordinality as t(u, i)`,
      [base, users],
    );
    users.forEach((user, index) => {
      const topic = `bench:${user}`;
      expected.set(topic, [...(expected.get(topic) ?? []), base + index]);
    });
  }
  const burstTotal = bursts * sockets;
  while (burstReceived < burstTotal && performance.now() - burstStart < 60_000) await new Promise((r) => setTimeout(r, 5));
  const burstSeconds = (performance.now() - burstStart) / 1000;
  const rssPeak = rssMiB(server.pid ?? 0);

  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  for (const [topic, want] of expected) {
    const got = received.get(topic) ?? [];
    const seen = new Set(got);
    duplicated += got.length - seen.size;
    lost += want.filter((seq) => !seen.has(seq)).length;
    if (got.some((seq, index) => index > 0 && seq < got[index - 1])) outOfOrder++;
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    [
      `single messages: ${latencies.length}/${messages} at ${rate}/s — latency p50 ${fmt(percentile(sorted, 50))}, ` +
        `p95 ${fmt(percentile(sorted, 95))}, p99 ${fmt(percentile(sorted, 99))}, max ${fmt(sorted.at(-1) ?? NaN)}`,
      `INSERT round trip (issue → commit acknowledged): p50 ${fmt(percentile([...commitTimes].sort((a, b) => a - b), 50))}, ` +
        `p95 ${fmt(percentile([...commitTimes].sort((a, b) => a - b), 95))}`,
      `bursts: ${burstReceived}/${burstTotal} rows in ${burstSeconds.toFixed(2)} s = ${Math.round(burstReceived / burstSeconds)} msg/s`,
      `lost ${lost}, duplicated ${duplicated}, topics out of order ${outOfOrder}`,
      `server RSS: idle ${rssIdle} MiB, ${sockets} joined ${rssJoined} MiB, after single phase ${rssLoaded} MiB, after bursts ${rssPeak} MiB`,
      `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}`,
    ].join("\n"),
  );

  const p95 = percentile(sorted, 95);
  record({
    id: "realtime.latency",
    measure: `commit → client latency, ${sockets.toLocaleString("en")} private channels, ${latencies.length.toLocaleString("en")}/${messages.toLocaleString("en")} messages at ${rate}/s`,
    result: `p50 ${fmt(percentile(sorted, 50))}, p95 ${fmt(p95)}, p99 ${fmt(percentile(sorted, 99))}; lost ${lost}, duplicated ${duplicated}, out of order ${outOfOrder}`,
    goal: sockets >= 1000 ? "p95 < 25 ms at 1,000 sockets" : `p95 < 25 ms at 1,000 sockets (not applicable at ${sockets})`,
    met: sockets >= 1000 ? p95 < 25 && lost === 0 && duplicated === 0 && outOfOrder === 0 : undefined,
    method: "supabase-js clients on loopback, each a user on its own private topic; autocommit realtime.send() from 4 connections → .on('broadcast') callback",
  });
  record({
    id: "realtime.fanout",
    measure: `fan-out: ${bursts} set-based inserts of one row per topic (${burstTotal.toLocaleString("en")} rows)`,
    result: `${Math.round(burstReceived / burstSeconds).toLocaleString("en")} msg/s; server RSS ${rssIdle} → ${rssJoined} (joined) → ${rssPeak} MiB`,
    method: "rows delivered to callbacks per second; the stack server runs in a child process (RSS from /proc)",
  });

  await inBatches(clients, 100, async (supabase) => {
    await supabase.removeAllChannels();
  });
  await writers.end();
  await admin.end();
  server.disconnect();
  await new Promise((resolve) => server.once("exit", resolve));
  await stop();
  process.exit(lost === 0 && duplicated === 0 && outOfOrder === 0 ? 0 : 1);
}

if (process.argv.includes("--serve")) await serve();
else await main();
