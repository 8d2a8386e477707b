// PostgREST functions through the real supabase-js client: POST and GET calls, result shapes, errors, request GUCs.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ALICE, createRestFixture, type RestFixture } from "./rest-fixture.ts";

let f: RestFixture;
beforeAll(async () => {
  f = await createRestFixture(inject("cluster"));
});
afterAll(() => f?.stop());

describe("arguments", () => {
  it("POST with named arguments; defaults may be omitted", async () => {
    expect(await f.anon.rpc("add", { a: 1, b: 2 })).toMatchObject({ data: 3, error: null, status: 200 });
    expect((await f.anon.rpc("add", { a: 1 })).data).toBe(11);
  });

  it("GET with query-string arguments, arrays as {a,b}", async () => {
    expect(await f.anon.rpc("add", { a: 5 }, { get: true })).toMatchObject({ data: 15, status: 200 });
    expect((await f.anon.rpc("tagged", { p_tags: ["x", "y,z"] }, { get: true })).data).toBe("x|y|z");
    expect((await f.anon.rpc("tagged", { p_tags: ["x", "y,z"] })).data).toBe("x|y,z");
  });

  it("passes the whole body to a function with a single unnamed jsonb parameter", async () => {
    const { data, error } = await f.anon.rpc("echo_json", { any: ["thing", 1], nested: { ok: true } });
    expect(error).toBeNull();
    expect(data).toEqual({ any: ["thing", 1], nested: { ok: true } });
  });

  it("answers 404 PGRST202 when no function matches the name or the arguments", async () => {
    const unknown = await f.anon.rpc("nope", {});
    expect(unknown.status).toBe(404);
    expect(unknown.error).toMatchObject({ code: "PGRST202", message: "Could not find the function public.nope without parameters in the schema cache" });
    const wrongArgs = await f.anon.rpc("add", { x: 1 });
    expect(wrongArgs.status).toBe(404);
    expect(wrongArgs.error?.message).toBe("Could not find the function public.add(x) in the schema cache");
    const missing = await f.anon.rpc("add", {});
    expect(missing.error?.code).toBe("PGRST202");
  });

  it("maps argument conversion errors to 400", async () => {
    const { error, status } = await f.anon.rpc("add", { a: "abc" });
    expect(status).toBe(400);
    expect(error?.code).toBe("22P02");
  });
});

describe("result shapes", () => {
  it("scalar → JSON scalar; SETOF scalar → array with limit/offset; void → 204", async () => {
    expect((await f.anon.rpc("numbers", { n: 3 })).data).toEqual([1, 2, 3]);
    expect((await f.anon.rpc("numbers", { n: 5 }).range(1, 2)).data).toEqual([2, 3]);
    const none = await f.anon.rpc("noop");
    expect(none).toMatchObject({ data: null, error: null, status: 204 });
  });

  it("composite → object; SETOF table → array with select, filters, order, limit and embeds", async () => {
    const first = await f.anon.rpc("first_room");
    expect(first.data).toEqual({ id: 1, name: "general", tags: ["chat", "public"], meta: { color: "blue", size: { max: 10 } } });
    const { data, error } = await f.alice
      .rpc("room_messages", { p_room: 1 })
      .select("id, body, author:profiles!author_id(username)")
      .gt("id", 1)
      .order("id", { ascending: false })
      .limit(1);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 3, body: "Bonjour", author: { username: "carol" } }]);
    const single = await f.alice.rpc("room_messages", { p_room: 2 }).select("body").single();
    expect(single.data).toEqual({ body: "random thought" });
  });

  it("RETURNS TABLE → array of objects, filterable", async () => {
    const all = await f.alice.rpc("message_stats");
    expect(all.data).toEqual([{ room_id: 1, n: 3 }, { room_id: 2, n: 1 }]);
    const filtered = await f.alice.rpc("message_stats").eq("room_id", 2);
    expect(filtered.data).toEqual([{ room_id: 2, n: 1 }]);
  });

  it("GET with filters on a SETOF result, and HEAD with a count", async () => {
    const { data } = await f.alice.rpc("room_messages", { p_room: 1 }, { get: true }).eq("author_id", ALICE).select("id");
    expect(data).toEqual([{ id: 1 }]);
    const head = await f.anon.rpc("numbers", { n: 7 }, { head: true, count: "exact" });
    expect(head).toMatchObject({ data: null, count: 7, error: null });
    const counted = await f.alice.rpc("room_messages", { p_room: 1 }, { count: "exact" }).select("id").range(0, 0);
    expect(counted.count).toBe(3);
    expect(counted.status).toBe(206);
  });
});

describe("transactions and errors", () => {
  it("a volatile function writes with POST; GET runs read-only → 405 (25006) and nothing is written", async () => {
    const created = await f.alice.rpc("create_room", { p_name: "from rpc" });
    expect(created.error).toBeNull();
    expect(created.data).toMatchObject({ name: "from rpc", tags: [], meta: {} });
    const viaGet = await f.alice.rpc("create_room", { p_name: "from get" }, { get: true });
    expect(viaGet.status).toBe(405);
    expect(viaGet.error?.code).toBe("25006");
    const stored = await f.sql("select count(*)::int as n from public.rooms where name = 'from get'");
    expect(stored.rows[0].n).toBe(0);
  });

  it("custom PTxyz errors give status xyz with message, details and hint", async () => {
    const { error, status } = await f.anon.rpc("pay");
    expect(status).toBe(402);
    expect(error).toEqual({ code: "PT402", message: "Payment required", details: "quota", hint: "upgrade" });
  });

  it("denies EXECUTE without grant: 401 for anon", async () => {
    await f.sql(
      "create function public.hidden() returns int language sql as $$ select 1 $$; " +
        "revoke execute on function public.hidden() from public, anon; notify pgrst, 'reload schema'",
    );
    const { error, status } = await f.anon.rpc("hidden");
    expect(status).toBe(401);
    expect(error?.code).toBe("42501");
  });

  it("sets role, claims, method, path, headers, search_path and role timeouts in the request transaction", async () => {
    const token = await f.token(ALICE);
    const response = await fetch(`${f.stack.url}/rest/v1/rpc/whoami`, {
      method: "POST",
      headers: {
        apikey: f.stack.keys.publishableKey,
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        "x-test": "header value",
      },
      body: "{}",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      current_user: "authenticated",
      uid: ALICE,
      claims_role: "authenticated",
      claim_sub: ALICE,
      claim_role: "authenticated",
      method: "POST",
      path: "/rpc/whoami",
      x_test: "header value",
      search_path: '"public", "extensions"',
      read_only: "on",
      statement_timeout: "8s",
    });
    const anon = await f.anon.rpc("whoami", {}, { get: true });
    expect(anon.data).toMatchObject({ current_user: "anon", uid: null, claim_sub: "", method: "GET", statement_timeout: "3s" });
    const service = await f.service.rpc("whoami");
    expect(service.data).toMatchObject({ current_user: "service_role", claims_role: "service_role" });
  });

  it("hoists a function's statement_timeout and isolation level to the call's transaction, over the role's", async () => {
    await f.sql(`
      create function public.slow_but_allowed() returns text language sql volatile set statement_timeout = '20s'
        as $$ select current_setting('statement_timeout') || ' ' || current_setting('transaction_isolation') from pg_sleep(0.05) $$;
      create function public.impatient() returns void language sql volatile set statement_timeout = '50ms'
        as $$ select pg_sleep(1) $$;
      create function public.serializable_read() returns text language sql stable set default_transaction_isolation = 'serializable'
        as $$ select current_setting('transaction_isolation') $$;
      grant execute on function public.slow_but_allowed(), public.impatient(), public.serializable_read()
        to anon, authenticated;
      notify pgrst, 'reload schema';`);
    await expect.poll(async () => (await f.anon.rpc("slow_but_allowed")).data).toBe("20s read committed");
    // anon's own timeout is 3 s; the function's wins, in both directions.
    const impatient = await f.anon.rpc("impatient");
    expect(impatient.status).toBe(500);
    expect(impatient.error).toMatchObject({ code: "57014", message: "canceling statement due to statement timeout" });
    expect((await f.alice.rpc("serializable_read")).data).toBe("serializable");
  });

  it("applies role settings changed in the database after NOTIFY pgrst, 'reload schema'", async () => {
    const database = (await f.sql("select current_database() as name")).rows[0].name as string;
    await f.sql(`alter role anon in database "${database}" set statement_timeout = '5s'`);
    expect((await f.anon.rpc("whoami")).data).toMatchObject({ statement_timeout: "3s" }); // cached
    await f.sql("notify pgrst, 'reload schema'");
    await expect.poll(async () => ((await f.anon.rpc("whoami")).data as { statement_timeout: string }).statement_timeout).toBe("5s");
  });
});
