// Who may call /rest/v1 and as which role, RLS per key type, and proof that URL and body never reach SQL as code.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ALICE, BOB, createRestFixture, HOSTILE, type RestFixture } from "./rest-fixture.ts";

let f: RestFixture;
beforeAll(async () => {
  f = await createRestFixture(inject("cluster"));
});
afterAll(() => f?.stop());

const get = (path: string, headers: Record<string, string>) => fetch(`${f.stack.url}/rest/v1${path}`, { headers });

describe("callers", () => {
  it("requires an API key: 401 {message, hint} without one or with a wrong one", async () => {
    const none = await get("/rooms", {});
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ message: "No API key found in request", hint: "No `apikey` request header or url param was found." });
    const wrong = await get("/rooms", { apikey: "sb_publishable_wrong" });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toBe("Invalid API key");
  });

  it("answers 401 PGRST301 with WWW-Authenticate for a bad JWT and PGRST303 for an expired one", async () => {
    const bad = await f.client(f.stack.keys.publishableKey, "not.a.jwt").from("rooms").select();
    expect(bad.status).toBe(401);
    expect(bad.error?.code).toBe("PGRST301");
    const raw = await get("/rooms", { apikey: f.stack.keys.publishableKey, authorization: "Bearer not.a.jwt" });
    expect(raw.headers.get("www-authenticate")).toMatch(/^Bearer error="invalid_token", error_description=".+"$/);
    const expiredToken = await f.token(ALICE, { exp: Math.floor(Date.now() / 1000) - 10 });
    const expired = await f.client(f.stack.keys.publishableKey, expiredToken).from("rooms").select();
    expect(expired.status).toBe(401);
    expect(expired.error).toMatchObject({ code: "PGRST303", message: "JWT expired" });
  });

  it("refuses a token whose role is not anon, authenticated or service_role", async () => {
    const token = await f.token(ALICE, { role: "postgres" });
    const { error, status } = await f.client(f.stack.keys.publishableKey, token).from("secrets").select();
    expect(status).toBe(401);
    expect(error?.message).toContain('"postgres"');
  });

  it("RLS and grants per caller: anon, users, service_role, secret key, legacy JWT keys", async () => {
    const anonTodos = await f.anon.from("todos").select();
    expect(anonTodos.status).toBe(401);
    expect(anonTodos.error).toMatchObject({ code: "42501", message: "permission denied for table todos" });
    const aliceTodos = await f.alice.from("todos").select("title").order("title");
    expect(aliceTodos.data).toEqual([{ title: "alice one" }, { title: "alice two" }]);
    const bobTodos = await f.bob.from("todos").select("title, user_id");
    expect(bobTodos.data).toEqual([{ title: "bob one", user_id: BOB }]);
    const serviceTodos = await f.service.from("todos").select("id", { count: "exact", head: true });
    expect(serviceTodos.count).toBe(3);
    expect((await f.legacyService.from("secrets").select("value")).data).toEqual([{ value: "top secret" }]);
    expect((await f.legacyAnon.from("secrets").select("value")).data).toEqual([]);
    expect((await f.alice.from("secrets").select("value")).data).toEqual([]);
    expect((await f.service.from("secrets").select("value")).data).toEqual([{ value: "top secret" }]);
    const legacyUser = await f.client(f.stack.keys.anonKey, await f.token(BOB)).from("todos").select("title");
    expect(legacyUser.data).toEqual([{ title: "bob one" }]);
    const anonMessages = await f.legacyAnon.from("messages").select("id");
    expect(anonMessages.data).toEqual([]); // granted, but no policy for anon
  });

  it("a signed-in user without privilege gets 403", async () => {
    const { error, status } = await f.alice.from("rooms").delete().eq("id", 3);
    expect(status).toBe(403);
    expect(error?.code).toBe("42501");
  });
});

describe("no SQL injection through the URL or the body", () => {
  const weird = () => f.service.from("weird table");

  it("hostile values round-trip through insert, eq, in, like and or", async () => {
    const values = [HOSTILE, "a,b", "(x)", 'say "hi"', "back\\slash", "per%cent", "st*r", "ünïcødé ☃ 🎉", "'; select pg_sleep(5); --"];
    const rows = values.map((value, i) => ({ id: i + 1, "odd name; drop table x; --": value, 'quo"te': value }));
    // one object per request: for arrays the client sends columns="a","b" without escaping a `"` inside a name
    for (const row of rows) {
      const inserted = await weird().insert(row).select("id").single();
      expect(inserted.error).toBeNull();
      expect(inserted.data).toEqual({ id: row.id });
    }
    const bulk = await weird().insert([{ id: 100, "odd name; drop table x; --": HOSTILE }, { id: 101 }]).select("id");
    expect(bulk.data).toEqual([{ id: 100 }, { id: 101 }]);
    await weird().delete().in("id", [100, 101]);
    for (const [i, value] of values.entries()) {
      // names outside [letters digits _ $ space] are quoted in filter keys, as PostgREST requires
      const eq = await weird().select("id").eq('"odd name; drop table x; --"', value);
      expect(eq.data, value).toEqual([{ id: i + 1 }]);
    }
    // the client quotes list items holding `,()` but does not escape `"` or `\` in them: those need PostgREST's escapes
    const listable = values.filter((value) => !value.includes('"') && !value.includes("\\"));
    const inList = await weird().select("id").in('"quo\\"te"', listable).order("id");
    expect(inList.data).toHaveLength(listable.length);
    const escaped = values.map((value) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",");
    const rawIn = await get(`/weird%20table?select=id&id=lt.100&"quo\\"te"=in.(${encodeURIComponent(escaped)})`, {
      apikey: f.stack.keys.secretKey,
    });
    expect(await rawIn.json()).toHaveLength(values.length);
    const like = await weird().select("id").like('"odd name; drop table x; --"', "%drop table%");
    expect(like.data).toEqual([{ id: 1 }]);
    // `*` is PostgREST's wildcard and `%` is SQL's: both stay wildcards, never code
    const star = await weird().select("id").like('"odd name; drop table x; --"', "st*");
    expect(star.data).toEqual([{ id: 7 }]);
    const or = await weird().select("id").or(`id.eq.9,"quo\\"te".in.("a,b","(x)")`).order("id");
    expect(or.data).toEqual([{ id: 2 }, { id: 3 }, { id: 9 }]);
    const roundTrip = await weird().select('*').order("id");
    expect((roundTrip.data as Record<string, string>[]).map((row) => row["odd name; drop table x; --"])).toEqual(values);
    expect((roundTrip.data as Record<string, string>[]).map((row) => row['quo"te'])).toEqual(values);
  });

  it("hostile updates, upserts and RPC arguments are data", async () => {
    const update = await weird().update({ 'quo"te': HOSTILE }).eq("id", 2).select('id, "quo\\"te"');
    expect(update.error).toBeNull();
    expect(update.data).toEqual([{ id: 2, 'quo"te': HOSTILE }]);
    const upsert = await weird().upsert({ id: 2, "odd name; drop table x; --": HOSTILE }).select("id");
    expect(upsert.data).toEqual([{ id: 2 }]);
    const rpc = await f.anon.rpc("tagged", { p_tags: [HOSTILE, "x"] });
    expect(rpc.data).toBe(`${HOSTILE}|x`);
    const rpcGet = await f.anon.rpc("add", { a: "1); drop table public.rooms; --" }, { get: true });
    expect(rpcGet.status).toBe(400);
    expect(rpcGet.error?.code).toBe("22P02");
  });

  it("hostile names are refused as unknown, never interpolated", async () => {
    const column = await f.anon.from("rooms").select(`id,"x\\";drop table public.rooms;--"`);
    expect(column.status).toBe(400);
    expect(column.error?.code).toBe("42703");
    const broken = await f.anon.from("rooms").select(`id,"x"";drop"`);
    expect(broken.error?.code).toBe("PGRST100");
    const unquoted = await f.anon.from("rooms").select("id").eq('id";drop table public.rooms;--', 1);
    expect(unquoted.error?.code).toBe("PGRST100");
    const filter = await f.anon.from("rooms").select("id").eq('"id\\";drop table public.rooms;--"', 1);
    expect(filter.error?.code).toBe("42703");
    const order = await f.anon.from("rooms").select("id").order("id; drop table public.rooms");
    expect(order.status).toBe(400);
    const table = await f.anon.from("rooms; drop table public.rooms").select();
    expect(table.error?.code).toBe("PGRST205");
    const cast = await f.anon.from("rooms").select("id::text;drop");
    expect(cast.error?.code).toBe("PGRST100");
    const jsonKey = await f.anon.from("rooms").select(`c:meta->>"color'; drop table public.rooms; --"`).eq("id", 1);
    expect(jsonKey.data).toEqual([{ c: null }]);
    const alias = await f.anon.from("rooms").select(`"x\\";drop_table_rooms;--":name`).eq("id", 1);
    expect(alias.error).toBeNull();
    expect(alias.data).toEqual([{ 'x";drop_table_rooms;--': "general" }]);
    const nul = await get("/rooms?select=a%00b:id", { apikey: f.stack.keys.publishableKey });
    expect(nul.status).toBe(400);
    const embedHint = await f.anon.from("rooms").select("id, messages!\"x;drop\"(id)");
    expect(embedHint.error?.code).toBe("PGRST200");
    const onConflict = await weird().upsert({ id: 1 }, { onConflict: 'id"; drop table public.rooms; --' });
    expect(onConflict.error?.code).toBe("PGRST100");
    const onConflictQuoted = await weird().upsert({ id: 1 }, { onConflict: '"id; drop table public.rooms; --"' });
    expect(onConflictQuoted.error?.code).toBe("PGRST204");
    const rooms = await f.sql("select count(*)::int as n from public.rooms");
    expect(rooms.rows[0].n).toBe(3);
  });
});
