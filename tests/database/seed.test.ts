// npm run seed: the demo data set is consistent with the schema's rules, idempotent, and usable by the demo logins.
import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "../../lib/database.types.ts";
import { DEMO_EVENT, DEMO_EVENT_FR, DEMO_ORGANIZER, DEMO_ORGANIZER_2, DEMO_PARTICIPANT, DEMO_TRANSLATOR } from "../../scripts/demo.ts";
import { seedDemo, type SeedSummary } from "../../scripts/seed.ts";
import { withClient } from "../../supabase/local/database.ts";
import { createTestStack, type TestStack } from "../../supabase/local/testing.ts";

let stack: TestStack;
let first: SeedSummary;
let second: SeedSummary;
beforeAll(async () => {
  stack = await createTestStack(inject("cluster"));
  const target = { supabaseUrl: stack.url, secretKey: stack.keys.secretKey, postgresUrl: stack.roles.postgres };
  first = await seedDemo(target, { participants: 120 });
  second = await seedDemo(target, { participants: 120 });
}, 60_000);
afterAll(() => stack?.stop());

/** A participant signs in with a one-time link sent to their address (an email-proven session), made here by the admin API. */
async function signInByLink(email: string) {
  const admin = createClient<Database>(stack.url, stack.keys.secretKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const link = await admin.auth.admin.generateLink({ type: "magiclink", email });
  expect(link.error).toBeNull();
  const client = createClient<Database>(stack.url, stack.keys.publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { error } = await client.auth.verifyOtp({ token_hash: link.data.properties?.hashed_token ?? "", type: "magiclink" });
  expect(error).toBeNull();
  return client;
}

async function signIn(account: { email: string; password: string }) {
  const client = createClient<Database>(stack.url, stack.keys.publishableKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { error } = await client.auth.signInWithPassword(account);
  expect(error).toBeNull();
  return client;
}

async function eventId(slug: string): Promise<string> {
  return withClient(stack.roles.postgres, async (db) => {
    const { rows } = await db.query<{ id: string }>("select id from public.events where slug = $1", [slug]);
    return rows[0].id;
  });
}

describe("npm run seed", () => {
  it("creates the participants once: a second run adds nothing", () => {
    expect(first.participantsCreated).toBe(120 + 20); // demo event + French event (a tenth, at least 20)
    expect(first.conversationsSeeded).toBe(10 + 3);
    expect(second).toMatchObject({ participantsCreated: 0, conversationsSeeded: 0 });
  });

  it("writes messages like the messaging functions: ids in time order per event, broadcasts counted, one thread per participant", async () => {
    await withClient(stack.roles.postgres, async (db) => {
      const inverted = await db.query(
        "select count(*)::int as n from public.messages a join public.messages b on b.event_id = a.event_id and a.id < b.id and a.created_at > b.created_at",
      );
      expect(inverted.rows[0].n).toBe(0);
      const broadcasts = await db.query(
        `select e.slug, b.recipient_count, (select count(*)::int from public.messages m where m.broadcast_id = b.id) as sent,
           jsonb_array_length(b.audience -> 'participantIds') as audience
         from public.broadcasts b join public.events e on e.id = b.event_id order by e.slug`,
      );
      expect(broadcasts.rows).toEqual([
        { slug: DEMO_EVENT.slug, recipient_count: 50, sent: 50, audience: 50 },
        { slug: DEMO_EVENT_FR.slug, recipient_count: 20, sent: 20, audience: 20 },
      ]);
      const emails = await db.query(
        "select count(*)::int as n from public.participants where email not like '%.example' and email <> $1",
        [DEMO_PARTICIPANT.email],
      );
      expect(emails.rows[0].n).toBe(0);
    });
  });

  it("the demo participant has no password, signs in by link, sees their organizer conversation with the organizers' names and one unread message", async () => {
    // No password: participants sign in with a code; a password session would carry no participant rights anyway.
    const password = await createClient<Database>(stack.url, stack.keys.publishableKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    }).auth.signInWithPassword({ email: DEMO_PARTICIPANT.email, password: "participant-demo" });
    expect(password.error?.code).toBe("invalid_credentials");
    const participant = await signInByLink(DEMO_PARTICIPANT.email);
    const demo = await eventId(DEMO_EVENT.slug);
    const unread = await participant.rpc("participant_unread_count", { target_event_id: demo });
    expect(unread).toMatchObject({ error: null, data: 1 });
    const { data, error } = await participant.from("conversation_messages").select("author_side, author_name, body").order("id");
    expect(error).toBeNull();
    expect(data?.length).toBe(5); // the broadcast and a four-message conversation
    expect(data?.[0]).toMatchObject({ author_side: "organizer", author_name: DEMO_ORGANIZER.displayName });
    expect(data?.[0].body).toContain("Welcome to Tech Summit 2026");
    expect(new Set(data?.filter((m) => m.author_side === "organizer").map((m) => m.author_name))).toEqual(
      new Set([DEMO_ORGANIZER.displayName]),
    );
  });

  it("organizers see their events' conversations in the inbox, newest first; the translator sees no participant", async () => {
    const alice = await signIn(DEMO_ORGANIZER);
    const demo = await eventId(DEMO_EVENT.slug);
    const inbox = await alice.rpc("organizer_inbox", { target_event_id: demo, page_size: 200 });
    expect(inbox.error).toBeNull();
    expect(inbox.data?.length).toBe(50);
    const ids = inbox.data?.map((row) => row.last_message_id) ?? [];
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(inbox.data?.filter((row) => row.unread).length).toBeGreaterThan(0);

    const thomas = await signIn(DEMO_ORGANIZER_2);
    const french = await thomas.from("participants").select("id", { count: "exact", head: true }).eq("event_id", await eventId(DEMO_EVENT_FR.slug));
    expect(french.count).toBe(0);
    const own = await thomas.from("participants").select("id", { count: "exact", head: true }).eq("event_id", demo);
    expect(own.count).toBe(121);

    const translator = await signIn(DEMO_TRANSLATOR);
    const none = await translator.from("participants").select("id", { count: "exact", head: true });
    expect(none.count).toBe(0);
    const settings = await translator.from("site_settings").select("allow_contact_organizer");
    expect(settings.data).toEqual([{ allow_contact_organizer: true }, { allow_contact_organizer: true }]);
  });
});
