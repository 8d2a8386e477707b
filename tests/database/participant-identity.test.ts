// Participant identity only through a proved address (issue 16, finding 1): participant rights need an email-proven
// session (the access token's amr names an email method), and link_participant_account links only the account's
// confirmed auth.users address, the one the token names. Organizer rights do not depend on how the session started.
import type { PostgrestSingleResponse, SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createFunctionWorld, USERS, type CreatedEvent, type FunctionWorld } from "./function-fixtures.ts";

let world: FunctionWorld;
let event: CreatedEvent;
let threadId: number;
const now = () => Math.floor(Date.now() / 1000);
const amr = (...methods: string[]) => methods.map((method) => ({ method, timestamp: now() }));
const passwordSession = () => world.asUser(USERS.participantA, { email: "ada@example.test", amr: amr("password") });

beforeAll(async () => {
  world = await createFunctionWorld(inject("cluster"));
  event = await world.addEvent("identity", [
    { first_name: "Ada", last_name: "Lovelace", email: "ada@example.test", registered_at: "2026-01-01T00:00:00Z", user: "participantA" },
    { first_name: "Vic", last_name: "Tim", email: "victim@identity.test", registered_at: "2026-01-01T00:00:00Z" },
  ]);
  const sent = await world.as.organizerA.rpc("send_broadcast", {
    target_event_id: event.id,
    body: "Welcome to the identity event",
    audience: { kind: "view" },
    idempotency_key: crypto.randomUUID(),
  });
  expect(sent.error).toBeNull();
  const { rows } = await world.sql<{ id: string }>("select id from public.threads where participant_id = $1", [
    event.participants["ada@example.test"],
  ]);
  threadId = Number(rows[0].id);
});
afterAll(() => world?.stop());

function expectFailure(result: PostgrestSingleResponse<unknown>, status: number, code: string) {
  expect(result.error, `expected ${code}`).toMatchObject({ code: `PT${status}`, message: code });
  expect(result.status).toBe(status);
}

/** private.participant_user_id() under these claims, as the authenticated role (its own transaction, rolled back). */
async function participantUserId(claims: Record<string, unknown>): Promise<string | null> {
  const client = new pg.Client({ connectionString: world.stack.roles.postgres });
  await client.connect();
  try {
    await client.query("begin");
    await client.query("select set_config('request.jwt.claims', $1, true)", [
      JSON.stringify({ sub: USERS.participantA, role: "authenticated", ...claims }),
    ]);
    await client.query("set local role authenticated");
    const { rows } = await client.query<{ id: string | null }>("select private.participant_user_id() as id");
    return rows[0].id;
  } finally {
    await client.query("rollback");
    await client.end();
  }
}

describe("private.participant_user_id: an email-proven session", () => {
  it.each(["otp", "magiclink", "email/signup", "invite", "recovery", "email_change", "password + otp"])(
    "amr %s proves the email",
    async (methods) => {
      expect(await participantUserId({ amr: amr(...methods.split(" + ")) })).toBe(USERS.participantA);
    },
  );

  it("a bare-string amr (RFC 8176 style) is read too", async () => {
    expect(await participantUserId({ amr: ["otp"] })).toBe(USERS.participantA);
  });

  it.each([
    ["password", { amr: amr("password") }],
    ["oauth", { amr: amr("oauth") }],
    ["anonymous", { amr: amr("anonymous") }],
    ["token_refresh", { amr: amr("token_refresh") }],
    ["sso/saml", { amr: amr("sso/saml") }],
    ["an empty amr", { amr: [] }],
    ["no amr", {}],
    ["an amr that is not an array", { amr: { method: "otp" } }],
    ["a method that only looks like one", { amr: amr("OTP ", "otp2") }],
  ])("%s does not", async (_name, claims) => {
    expect(await participantUserId(claims)).toBeNull();
  });
});

describe("a participant in a password session has no participant rights", () => {
  let client: SupabaseClient;
  beforeAll(async () => {
    client = await passwordSession();
  });

  it("reads nothing of theirs: their record, conversation, messages, broadcasts, organizers' names", async () => {
    for (const [table, columns] of [
      ["participants", "id"],
      ["threads", "id"],
      ["messages", "id"],
      ["conversation_messages", "id"],
      ["broadcasts", "id"],
      ["profiles", "user_id"],
    ] as const) {
      const { data, error } = await client.from(table).select(columns).limit(5);
      expect(error, table).toBeNull();
      expect(data, table).toEqual([]);
    }
    // the same account in an email-code session reads them
    const proven = await world.as.participantA.from("conversation_messages").select("body").eq("thread_id", threadId);
    expect(proven.data).toEqual([{ body: "Welcome to the identity event" }]);
  });

  it("cannot post, contact the organizer, mark read or see an unread count; nothing is written", async () => {
    const before = await world.sql<{ n: string }>("select count(*) n from public.messages where event_id = $1", [event.id]);
    expectFailure(await client.rpc("post_message", { thread_id: threadId, body: "from a password" }), 404, "thread_not_found");
    expectFailure(await client.rpc("contact_organizer", { target_event_id: event.id, body: "from a password" }), 403, "not_a_participant");
    expectFailure(await client.rpc("mark_thread_read", { thread_id: threadId }), 404, "thread_not_found");
    const unread = await client.rpc("participant_unread_count", { target_event_id: event.id });
    expect(unread).toMatchObject({ error: null, data: 0 });
    expect((await world.as.participantA.rpc("participant_unread_count", { target_event_id: event.id })).data).toBe(1);
    const after = await world.sql<{ n: string }>("select count(*) n from public.messages where event_id = $1", [event.id]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it("an organizer keeps their rights in a password session", async () => {
    const organizer = await world.asUser(USERS.organizerA, { email: "olga.organizer@example.test", amr: amr("password") });
    const { data, error } = await organizer.rpc("organizer_inbox", { target_event_id: event.id });
    expect(error).toBeNull();
    expect((data as unknown[]).length).toBe(2);
    const posted = await organizer.rpc("post_message", { thread_id: threadId, body: "Organizer reply" });
    expect(posted.error).toBeNull();
  });
});

describe("link_participant_account: a confirmed address, proved by the session", () => {
  const VICTIM = "victim@identity.test";
  const link = (client: SupabaseClient) => client.rpc("link_participant_account", { target_event_id: event.id });
  async function account(email: string, confirmed: boolean): Promise<string> {
    const { rows } = await world.sql<{ id: string }>(
      `insert into auth.users (id, email, email_confirmed_at, aud, role)
       values (gen_random_uuid(), $1, case when $2 then now() end, 'authenticated', 'authenticated') returning id`,
      [email, confirmed],
    );
    return rows[0].id;
  }
  const linkedUser = async () =>
    (await world.sql<{ user_id: string | null }>("select user_id from public.participants where id = $1", [event.participants[VICTIM]]))
      .rows[0].user_id;
  const cleanup = () => world.sql("delete from auth.users where email like '%@identity.test' or email like '%@attacker.test'");

  it("refuses a password session on the registered, confirmed address (pre-account takeover)", async () => {
    const id = await account(VICTIM, true);
    try {
      expectFailure(await link(await world.asUser(id, { email: VICTIM, amr: amr("password") })), 403, "email_not_proven");
      expect(await linkedUser()).toBeNull();
    } finally {
      await cleanup();
    }
  });

  it("refuses an account whose address is not confirmed (a bare sign-up), even with an email-code amr", async () => {
    const id = await account(VICTIM, false);
    try {
      expectFailure(await link(await world.asUser(id, { email: VICTIM })), 403, "not_registered");
      expect(await linkedUser()).toBeNull();
    } finally {
      await cleanup();
    }
  });

  it("refuses a token whose email claim is the victim's while the account's address is another", async () => {
    const id = await account("mallory@attacker.test", true);
    try {
      expectFailure(await link(await world.asUser(id, { email: VICTIM })), 403, "not_registered");
      expect(await linkedUser()).toBeNull();
    } finally {
      await cleanup();
    }
  });

  it("refuses a token issued for another address than the account's current one", async () => {
    const id = await account(VICTIM, true);
    try {
      expectFailure(await link(await world.asUser(id, { email: "old-address@identity.test" })), 403, "not_registered");
      expect(await linkedUser()).toBeNull();
    } finally {
      await cleanup();
    }
  });

  it("links an email-proven session of the confirmed, registered address (any case), once", async () => {
    const id = await account("Victim@Identity.test", true);
    try {
      for (const method of ["otp", "magiclink"]) {
        const { data, error } = await link(await world.asUser(id, { email: "victim@identity.test", amr: amr(method) }));
        expect(error).toBeNull();
        expect(data).toBe(event.participants[VICTIM]);
      }
      expect(await linkedUser()).toBe(id);
    } finally {
      await world.sql("update public.participants set user_id = null where id = $1", [event.participants[VICTIM]]);
      await cleanup();
    }
  });
});
