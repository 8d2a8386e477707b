// Deterministic regression for what the load test found: message ids follow commit order within a thread, so Realtime
// (which delivers in commit order) delivers a thread in id order and "fetch after the last id seen" misses nothing.
// A transaction left open in SQL (as the signed-in user, like a slow request) holds a post or a SEND NOW; a second post
// into the same thread through supabase-js must wait for it and get the higher id.
import pg from "pg";
import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { sleep, subscribed } from "../../supabase/local/realtime/testing.ts";
import { participantTopic } from "../../lib/realtime/topics.ts";
import { createReliabilityWorld, type SeededEvent, type World } from "./world.ts";

let world: World;
let event: SeededEvent;
let thread: number;
let participant: SupabaseClient;

beforeAll(async () => {
  world = await createReliabilityWorld(inject("cluster"));
  event = await world.seedEvent("ordering", { participants: 3, accounts: 1, threads: true });
  thread = (await world.sql.query<{ id: number }>("select id::int as id from public.threads where participant_id = $1", [event.participants[0]]))
    .rows[0].id;
  participant = await world.client(event.users.get(event.participants[0]) as string);
});

afterAll(async () => {
  await participant?.realtime.disconnect();
  await world?.stop();
});

/** A transaction as the event's organizer (the role and claims PostgREST sets), left open. */
async function openTransactionAsOrganizer(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: world.stack.roles.postgres });
  await client.connect();
  await client.query("begin");
  await client.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify({ sub: event.organizer, role: "authenticated" })]);
  await client.query("set local role authenticated");
  return client;
}

describe("message ids follow commit order", () => {
  it.each([
    ["a post", (c: pg.Client) => c.query("select public.post_message($1, 'first, committed last', null)", [thread])],
    [
      "a SEND NOW",
      (c: pg.Client) =>
        c.query("select public.send_broadcast($1, 'first, committed last', $2, gen_random_uuid())", [
          event.id,
          JSON.stringify({ kind: "view", filters: [] }),
        ]),
    ],
  ] as const)("a post waits while %s in flight in that thread commits, and gets the higher id", async (_name, first) => {
    const ids: number[] = [];
    const channel = participant
      .channel(participantTopic(event.participants[0]), { config: { private: true } })
      .on("broadcast", { event: "message" }, ({ payload }) => ids.push(Number(payload.id)));
    await subscribed(channel);
    const open = await openTransactionAsOrganizer();
    try {
      await first(open);
      let done = false;
      const second = participant.rpc("post_message", { thread_id: thread, body: "second, committed first?" }).then((answer) => {
        done = true;
        return answer;
      });
      await sleep(400);
      expect(done, "the second post waits for the first transaction").toBe(false);
      await open.query("commit");
      const answer = await second;
      expect(answer.error).toBeNull();
      const { rows } = await world.sql.query<{ id: number }>("select id::int as id from public.messages where thread_id = $1 order by id desc limit 2", [thread]);
      expect((answer.data as { id: number }).id).toBe(rows[0].id);
      await sleep(300);
      // Live: ids only ever increase on the participant's topic.
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    } finally {
      await open.end();
      await participant.removeChannel(channel);
    }
  });
});
