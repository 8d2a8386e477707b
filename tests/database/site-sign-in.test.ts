// The event site's sign-in check (site_sign_in_allowed) and the account link after it (link_participant_account),
// through supabase-js as anon and as signed-in users.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFunctionWorld, type FunctionWorld } from "./function-fixtures.ts";

let world: FunctionWorld;
beforeAll(async () => {
  world = await createFunctionWorld(inject("cluster"));
});
afterAll(() => world?.stop());

describe("site_sign_in_allowed", () => {
  it("tells anon whether one exact email is registered for the event, ignoring case and spaces", async () => {
    const ask = (email: string, eventId = world.eventA.id) =>
      world.as.anon.rpc("site_sign_in_allowed", { target_event_id: eventId, email });
    expect(await ask("grace@example.test")).toMatchObject({ data: true, error: null });
    expect(await ask("  Grace@Example.TEST ")).toMatchObject({ data: true, error: null });
    expect(await ask("nobody@example.test")).toMatchObject({ data: false, error: null });
  });

  it("answers no for an email registered for another event only, and for patterns", async () => {
    const ask = (email: string) => world.as.anon.rpc("site_sign_in_allowed", { target_event_id: world.eventB.id, email });
    expect((await ask("grace@example.test")).data).toBe(false);
    expect((await ask("%@example.test")).data).toBe(false);
    expect((await ask("bob@example.test")).data).toBe(true);
  });

  it("answers no for an unknown event", async () => {
    const { data, error } = await world.as.anon.rpc("site_sign_in_allowed", {
      target_event_id: "00000000-0000-4000-8000-000000000000",
      email: "grace@example.test",
    });
    expect(error).toBeNull();
    expect(data).toBe(false);
  });
});

describe("link_participant_account after the check", () => {
  it("links a registered newcomer on first sign-in, once, and refuses a stranger", async () => {
    const first = await world.as.newcomer.rpc("link_participant_account", { target_event_id: world.eventA.id });
    expect(first.error).toBeNull();
    expect(first.data).toBe(world.eventA.participants["nora@example.test"]);
    const again = await world.as.newcomer.rpc("link_participant_account", { target_event_id: world.eventA.id });
    expect(again.data).toBe(first.data);

    const stranger = await world.as.stranger.rpc("link_participant_account", { target_event_id: world.eventA.id });
    expect(stranger.error).toMatchObject({ code: "PT403", message: "not_registered" });
  });
});
