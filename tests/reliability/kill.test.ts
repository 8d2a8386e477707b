// The stack or the database backend killed in the middle of a SEND NOW to many recipients: afterwards the send is all
// there or not at all (broadcast, threads it created, messages), and a retry with the same idempotency key completes
// (or replays the committed send) with one message per recipient.
// - the PostgreSQL backend running the send terminated (pg_terminate_backend) once every message row is written but
//   not committed (the send is held on a lock at its Realtime notification), then at random moments;
// - the stack process SIGKILLed while its send runs (a stack started in a child process).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { userAccessToken } from "../../supabase/local/testing.ts";
import { sleep } from "../../supabase/local/realtime/testing.ts";
import { clientFor, createReliabilityWorld, report, SIZE, SIZES, spawnStack, type SeededEvent, type SendResult, type StackProcess, type World } from "./world.ts";

const N = SIZES.killRecipients;
const TIMEOUT = SIZE === "large" ? 900_000 : 120_000;
let world: World;
let event: SeededEvent;
const ALL = { kind: "view", filters: [] };

beforeAll(async () => {
  world = await createReliabilityWorld(inject("cluster"));
  event = await world.seedEvent("kill", { participants: N });
}, TIMEOUT);

afterAll(async () => {
  await world?.stop();
});

async function sendWith(url: string, token: string, key: string, body: string, publishableKey = world.stack.keys.publishableKey) {
  const supabase = clientFor(url, publishableKey, token);
  return supabase.rpc("send_broadcast", { target_event_id: event.id, body, audience: ALL, idempotency_key: key });
}

/** Backends of this database running a send, with what they wait on. */
async function sendBackends(): Promise<{ pid: number; state: string; wait: string | null }[]> {
  const { rows } = await world.admin.query<{ pid: number; state: string; wait: string | null }>(
    `select pid, state, wait_event_type as wait from pg_stat_activity
     where datname = current_database() and pid <> pg_backend_pid() and query like '%send_broadcast%' and query not like '%pg_stat_activity%'`,
  );
  return rows;
}

async function stateOf(key: string) {
  const { rows } = await world.sql.query<{ broadcasts: number; recipient_count: number | null; messages: number; threads: number; all_messages: number; per_recipient_ok: boolean }>(
    `with b as (select id, recipient_count from public.broadcasts where event_id = $1 and idempotency_key = $2)
     select (select count(*)::int from b) as broadcasts,
            (select max(recipient_count) from b) as recipient_count,
            (select count(*)::int from public.messages m where m.broadcast_id in (select id from b)) as messages,
            (select count(*)::int from public.threads where event_id = $1) as threads,
            (select count(*)::int from public.messages where event_id = $1) as all_messages,
            (select count(*) = 0 from (select t.participant_id from public.messages m join public.threads t on t.id = m.thread_id
               where m.broadcast_id in (select id from b) group by t.participant_id having count(*) <> 1) d) as per_recipient_ok`,
    [event.id, key],
  );
  return rows[0];
}

/** All or none: either nothing of the send exists (threads and messages as before), or all of it. */
function expectAllOrNone(before: Awaited<ReturnType<typeof stateOf>>, after: Awaited<ReturnType<typeof stateOf>>): "all" | "none" {
  if (after.broadcasts === 0) {
    expect(after).toMatchObject({ messages: 0, threads: before.threads, all_messages: before.all_messages });
    return "none";
  }
  expect(after).toMatchObject({ broadcasts: 1, recipient_count: N, messages: N, threads: N, all_messages: before.all_messages + N, per_recipient_ok: true });
  return "all";
}

/** Statement timeouts met by retries (SEND NOW has 60 s; before, the role's 8 s was reached at 100,000 under load). */
const timeouts: string[] = [];

async function retryCompletes(key: string, body: string, committed: "all" | "none", token: string): Promise<SendResult> {
  // The app retries with the same key until it gets an answer; a statement timeout rolled the attempt back.
  let retry = await sendWith(world.stack.url, token, key, body);
  for (let attempt = 1; retry.error?.code === "57014" && attempt < 4; attempt += 1) {
    timeouts.push(key);
    retry = await sendWith(world.stack.url, token, key, body);
  }
  expect(retry.error).toBeNull();
  const result = retry.data as SendResult;
  expect(result).toMatchObject({ recipient_count: N, replayed: committed === "all" });
  const again = await sendWith(world.stack.url, token, key, body);
  expect(again.data).toMatchObject({ broadcast_id: result.broadcast_id, recipient_count: N, replayed: true });
  const after = await stateOf(key);
  expect(after).toMatchObject({ broadcasts: 1, recipient_count: N, messages: N, threads: N, per_recipient_ok: true });
  return result;
}

describe(`a ${N.toLocaleString("en")}-recipient SEND NOW killed mid-way`, () => {
  it("the backend terminated after writing every message, before commit: nothing remains; the retry completes", { timeout: TIMEOUT }, async () => {
    const token = await userAccessToken(world.stack.keys, event.organizer);
    const key = randomUUID();
    const body = "Killed after the writes";
    const before = await stateOf(key);
    // Hold the send at its Realtime notification, after the broadcast, thread and message inserts.
    const blocker = new pg.Client({ connectionString: world.stack.databaseUrl });
    blocker.on("error", () => undefined);
    await blocker.connect();
    let killed: Awaited<ReturnType<typeof sendWith>>;
    let heldMs: number;
    let failedAlone = false;
    try {
      await blocker.query("begin; lock table realtime.messages in exclusive mode");
      const started = performance.now();
      let settled = false;
      const sending = sendWith(world.stack.url, token, key, body).then((answer) => {
        settled = true;
        return answer;
      });
      let pid: number | null = null;
      const deadline = Date.now() + 90_000;
      while (pid === null && !settled && Date.now() < deadline) {
        const waiting = (await sendBackends()).find((b) => b.wait === "Lock");
        if (waiting) pid = waiting.pid;
        else await sleep(20);
      }
      heldMs = performance.now() - started;
      if (pid !== null) await world.admin.query("select pg_terminate_backend($1)", [pid]);
      await blocker.query("rollback");
      killed = await sending;
      // On a very loaded machine a send can still hit its statement timeout before its notification: it
      // rolled back by itself, which the all-or-none check below covers the same way.
      failedAlone = pid === null;
      if (failedAlone) expect(killed.error?.code).toBe("57014");
    } finally {
      await blocker.end();
    }
    expect(killed.error, "the killed send answers an error").not.toBeNull();
    expect(killed.status).toBeGreaterThanOrEqual(500);
    expect(expectAllOrNone(before, await stateOf(key))).toBe("none");
    const retryStarted = performance.now();
    await retryCompletes(key, body, "none", token);
    report("kill-backend-after-writes", {
      recipients: N,
      writesMs: Math.round(heldMs),
      killedStatus: killed.status,
      failedAloneOnStatementTimeout: failedAlone,
      retryMs: Math.round(performance.now() - retryStarted),
      retryTimeouts: timeouts.length,
    });
  });

  it(`the backend terminated at random moments (${SIZES.killRounds} rounds): all or none, and the retry completes`, { timeout: TIMEOUT }, async () => {
    const token = await userAccessToken(world.stack.keys, event.organizer);
    const outcomes: string[] = [];
    for (let round = 0; round < SIZES.killRounds; round += 1) {
      const key = randomUUID();
      const body = `Random kill ${round}`;
      const before = await stateOf(key);
      const sending = sendWith(world.stack.url, token, key, body);
      // Wait until the send runs, then a random part of a send's duration (a few hundred ms at 10,000).
      const deadline = Date.now() + 30_000;
      let backends = await sendBackends();
      while (backends.length === 0 && Date.now() < deadline) {
        await sleep(5);
        backends = await sendBackends();
      }
      await sleep(Math.floor(Math.random() * (N / 50)));
      for (const backend of await sendBackends()) await world.admin.query("select pg_terminate_backend($1)", [backend.pid]);
      await sending;
      const outcome = expectAllOrNone(before, await stateOf(key));
      outcomes.push(outcome);
      await retryCompletes(key, body, outcome, token);
    }
    report("kill-backend-random", { recipients: N, outcomes, retryTimeouts: timeouts.length });
  });

  it("the stack process SIGKILLed while its send runs: all or none, and a retry through a new stack completes", { timeout: TIMEOUT }, async () => {
    const child: StackProcess = await spawnStack(world.stack.databaseUrl, inject("cluster").password);
    let alive = true;
    try {
      const { url, secrets } = child;
      const childToken = await userAccessToken(child.keys, event.organizer);
      const key = randomUUID();
      const body = "Stack killed";
      const before = await stateOf(key);
      const sending = sendWith(url, childToken, key, body, secrets.publishableKey);
      const deadline = Date.now() + 30_000;
      while ((await sendBackends()).length === 0 && Date.now() < deadline) await sleep(5);
      expect(await sendBackends()).not.toHaveLength(0);
      child.kill("SIGKILL");
      alive = false;
      const answer = await sending;
      expect(answer.error, "the client sees the connection fail").not.toBeNull();
      // The backend notices its client is gone when it next talks to it, and rolls back (or had committed).
      const gone = Date.now() + 60_000;
      while ((await sendBackends()).length > 0 && Date.now() < gone) await sleep(50);
      expect(await sendBackends()).toHaveLength(0);
      const outcome = expectAllOrNone(before, await stateOf(key));
      await retryCompletes(key, body, outcome, await userAccessToken(world.stack.keys, event.organizer));
      report("kill-stack-process", { recipients: N, outcome });
    } finally {
      if (alive) child.kill("SIGKILL");
    }
  });
});
