// A participant cannot flood a conversation (issue 16, finding 4): at most 20 participant messages per conversation per
// minute, through post_message and contact_organizer alike, race-safe; the 21st answers PT429 messages_too_fast.
import type { PostgrestSingleResponse } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFunctionWorld, people, type CreatedEvent, type FunctionWorld } from "./function-fixtures.ts";

const CAP = 20;
let world: FunctionWorld;
beforeAll(async () => {
  world = await createFunctionWorld(inject("cluster"));
});
afterAll(() => world?.stop());

const participantMessages = async (threadId: number) =>
  Number(
    (
      await world.sql<{ n: string }>("select count(*) n from public.messages where thread_id = $1 and author_side = 'participant'", [
        threadId,
      ])
    ).rows[0].n,
  );

function expectTooFast(result: PostgrestSingleResponse<unknown>) {
  expect(result.error).toMatchObject({ code: "PT429", message: "messages_too_fast" });
  expect(result.status).toBe(429);
  expect(result.data).toBeNull();
}

async function twoParticipants(slug: string): Promise<CreatedEvent> {
  return world.addEvent(
    slug,
    people(slug, 2).map((p, i) => ({ ...p, user: i === 0 ? ("participantA" as const) : ("participantA2" as const) })),
  );
}

describe("participant message cap", () => {
  it("refuses the 21st message within a minute: the conversation keeps exactly 20; retries, others and organizers pass", async () => {
    const event = await twoParticipants("flood");
    const first = await world.as.participantA.rpc("contact_organizer", { target_event_id: event.id, body: "message 1" });
    expect(first.error).toBeNull();
    const threadId = (first.data as { thread_id: number }).thread_id;
    const retryId = crypto.randomUUID();
    for (let i = 2; i <= CAP; i++) {
      const sent = await world.as.participantA.rpc("post_message", {
        thread_id: threadId,
        body: `message ${i}`,
        ...(i === CAP ? { client_id: retryId } : {}),
      });
      expect(sent.error, `message ${i}`).toBeNull();
    }
    expectTooFast(await world.as.participantA.rpc("post_message", { thread_id: threadId, body: "message 21" }));
    expectTooFast(await world.as.participantA.rpc("contact_organizer", { target_event_id: event.id, body: "message 21 again" }));
    expect(await participantMessages(threadId)).toBe(CAP);

    // A retry of a message already stored is not a new message: it returns it.
    const retry = await world.as.participantA.rpc("post_message", { thread_id: threadId, body: `message ${CAP}`, client_id: retryId });
    expect(retry.error).toBeNull();
    expect(retry.data).toMatchObject({ body: `message ${CAP}`, client_id: retryId });
    // Another participant's conversation, and the organizers in this one, are not affected.
    expect((await world.as.participantA2.rpc("contact_organizer", { target_event_id: event.id, body: "Hello" })).error).toBeNull();
    expect((await world.as.organizerA.rpc("post_message", { thread_id: threadId, body: "Please slow down" })).error).toBeNull();
    expect(await participantMessages(threadId)).toBe(CAP);

    // A minute later the participant writes again.
    await world.sql("update public.messages set created_at = created_at - interval '61 seconds' where thread_id = $1", [threadId]);
    expect((await world.as.participantA.rpc("post_message", { thread_id: threadId, body: "message 21, later" })).error).toBeNull();
    expect(await participantMessages(threadId)).toBe(CAP + 1);
  });

  it("holds under concurrency: 30 simultaneous sends store exactly 20, the other 10 answer PT429", async () => {
    const event = await twoParticipants("flood-race");
    const first = await world.as.participantA.rpc("contact_organizer", { target_event_id: event.id, body: "opening" });
    expect(first.error).toBeNull();
    const threadId = (first.data as { thread_id: number }).thread_id;
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? world.as.participantA.rpc("post_message", { thread_id: threadId, body: `race ${i}` })
          : world.as.participantA.rpc("contact_organizer", { target_event_id: event.id, body: `race ${i}` }),
      ),
    );
    const refused = results.filter((r) => r.error);
    for (const r of refused) expectTooFast(r);
    expect(results.length - refused.length).toBe(CAP - 1);
    expect(refused.length).toBe(30 - (CAP - 1));
    expect(await participantMessages(threadId)).toBe(CAP);
  });

  it("does not cap organizer messages", async () => {
    const event = await twoParticipants("flood-org");
    const first = await world.as.participantA.rpc("contact_organizer", { target_event_id: event.id, body: "hi" });
    const threadId = (first.data as { thread_id: number }).thread_id;
    for (let i = 0; i < CAP + 5; i++) {
      expect((await world.as.organizerA.rpc("post_message", { thread_id: threadId, body: `organizer ${i}` })).error).toBeNull();
    }
  });
});
