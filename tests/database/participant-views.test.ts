// Saved views of the participants grid (participant_views) through supabase-js, as the app's server actions use them:
// the error codes they translate (23505 duplicate name, PGRST116 nothing updated) and who may read or change a view.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { savedViewDefinitionSchema, stateOfView, viewDefinitionOf, DEFAULT_GRID_STATE } from "../../lib/participants/grid-state.ts";
import { createFunctionWorld, USERS, type FunctionWorld } from "./function-fixtures.ts";

let world: FunctionWorld;
beforeAll(async () => {
  world = await createFunctionWorld(inject("cluster"));
});
afterAll(() => world?.stop());

const definition = viewDefinitionOf({
  ...DEFAULT_GRID_STATE,
  search: "ada",
  filters: [{ column: "company", operator: "contains", value: "Engines" }],
  connected: "active",
  sort: { column: "registered_at", direction: "desc" },
  columns: ["first_name", "email", "connected"],
  pageSize: 100,
});

describe("participant views", () => {
  it("an organizer saves a view: created_by is them, the definition comes back as saved", async () => {
    const { data, error } = await world.as.organizerA
      .from("participant_views")
      .insert({ event_id: world.eventA.id, name: "Engines", definition })
      .select("id, name, definition, created_by")
      .single();
    expect(error).toBeNull();
    expect(data?.created_by).toBe(USERS.organizerA);
    expect(savedViewDefinitionSchema.parse(data?.definition)).toEqual(definition);
    expect(stateOfView(data?.id ?? "", data?.definition)).toMatchObject({ search: "ada", connected: "active", pageSize: 100 });
  });

  it("a duplicate name in the same event answers 23505 (the action's 'name taken' error)", async () => {
    await world.as.organizerA.from("participant_views").insert({ event_id: world.eventA.id, name: "Twice", definition: {} });
    const { error, status } = await world.as.organizerA
      .from("participant_views")
      .insert({ event_id: world.eventA.id, name: "Twice", definition: {} })
      .select("id")
      .single();
    expect(error?.code).toBe("23505");
    expect(status).toBe(409);
  });

  it("a blank name is refused by the table too", async () => {
    const { error } = await world.as.organizerA.from("participant_views").insert({ event_id: world.eventA.id, name: "   ", definition: {} });
    expect(error?.code).toBe("23514");
  });

  it("another event's organizer neither sees nor changes the view; renaming it answers PGRST116", async () => {
    const { data: view } = await world.as.organizerA
      .from("participant_views")
      .insert({ event_id: world.eventA.id, name: "Private to A", definition: {} })
      .select("id")
      .single();
    const id = view?.id ?? "";
    const { data: seen } = await world.as.organizerB.from("participant_views").select("id").eq("id", id);
    expect(seen).toEqual([]);
    const renamed = await world.as.organizerB
      .from("participant_views")
      .update({ name: "Taken over" })
      .eq("id", id)
      .eq("event_id", world.eventA.id)
      .select("id, name")
      .single();
    expect(renamed.error?.code).toBe("PGRST116");
    const deleted = await world.as.organizerB.from("participant_views").delete().eq("id", id).select("id");
    expect(deleted.data).toEqual([]);
    const { data: still } = await world.as.organizerA.from("participant_views").select("name").eq("id", id).single();
    expect(still?.name).toBe("Private to A");
  });

  it("a translator or a participant cannot save a view", async () => {
    for (const who of ["translatorA", "participantA"] as const) {
      const { error } = await world.as[who].from("participant_views").insert({ event_id: world.eventA.id, name: `By ${who}`, definition: {} });
      expect(error?.code, who).toBe("42501");
    }
  });

  it("the organizer renames and deletes a view; deleting returns the deleted row once", async () => {
    const { data: view } = await world.as.organizerA
      .from("participant_views")
      .insert({ event_id: world.eventA.id, name: "Old name", definition: {} })
      .select("id")
      .single();
    const id = view?.id ?? "";
    const renamed = await world.as.organizerA.from("participant_views").update({ name: "New name" }).eq("id", id).select("name").single();
    expect(renamed.data?.name).toBe("New name");
    const first = await world.as.organizerA.from("participant_views").delete().eq("id", id).select("id");
    expect(first.data).toEqual([{ id }]);
    const second = await world.as.organizerA.from("participant_views").delete().eq("id", id).select("id");
    expect(second.data).toEqual([]);
  });
});
