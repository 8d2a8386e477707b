// PostgREST writes through the real supabase-js client: insert, upsert, update, delete, Prefer, statuses.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ALICE, BOB, createRestFixture, type RestFixture } from "./rest-fixture.ts";

let f: RestFixture;
beforeAll(async () => {
  f = await createRestFixture(inject("cluster"));
});
afterAll(() => f?.stop());

const raw = async (method: string, path: string, init: { body?: unknown; prefer?: string; token?: string } = {}) => {
  const headers: Record<string, string> = { apikey: f.stack.keys.publishableKey, "content-type": "application/json" };
  if (init.prefer) headers.prefer = init.prefer;
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return fetch(`${f.stack.url}/rest/v1${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
};

describe("insert", () => {
  it("returns 201 with no body by default (return=minimal)", async () => {
    const { data, error, status } = await f.alice.from("todos").insert({ title: "minimal" });
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toBeNull();
    const row = await f.sql("select user_id from public.todos where title = 'minimal'");
    expect(row.rows).toEqual([{ user_id: ALICE }]); // default auth.uid() saw the request claims
  });

  it("returns the representation with select(), as an object with single()", async () => {
    const many = await f.alice.from("todos").insert({ title: "repr", priority: 7 }).select("title, priority, done");
    expect(many.status).toBe(201);
    expect(many.data).toEqual([{ title: "repr", priority: 7, done: false }]);
    const one = await f.alice.from("todos").insert({ title: "repr single" }).select("id, title").single();
    expect(one.data).toMatchObject({ title: "repr single" });
    expect(typeof (one.data as { id: number }).id).toBe("number");
  });

  it("embeds in the representation", async () => {
    const { data, error } = await f.alice
      .from("messages")
      .insert({ room_id: 2, author_id: ALICE, body: "with embed" })
      .select("body, author:profiles!author_id(username), rooms(name)")
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ body: "with embed", author: { username: "alice" }, rooms: { name: "random" } });
  });

  it("inserts in bulk with columns=; missing keys are null by default and the column default with defaultToNull: false", async () => {
    const nulls = await f.alice
      .from("todos")
      .insert([{ title: "bulk a", priority: 1 }, { title: "bulk b" }])
      .select("title, priority");
    expect(nulls.error).toBeNull();
    expect(nulls.data).toEqual([
      { title: "bulk a", priority: 1 },
      { title: "bulk b", priority: null },
    ]);
    const defaults = await f.alice
      .from("todos")
      .insert([{ title: "bulk c", priority: 1 }, { title: "bulk d" }, { done: true, title: "bulk e" }], { defaultToNull: false })
      .select("title, priority, done");
    expect(defaults.error).toBeNull();
    // rows are inserted per key set, so only the set of rows is asserted
    expect(defaults.data).toHaveLength(3);
    expect(defaults.data).toEqual(
      expect.arrayContaining([
        { title: "bulk c", priority: 1, done: false },
        { title: "bulk d", priority: 3, done: false },
        { title: "bulk e", priority: 3, done: true },
      ]),
    );
    const onlyColumns = await raw("POST", `/todos?columns=title&select=title,priority`, {
      body: [{ title: "col a", priority: 9 }],
      prefer: "return=representation",
      token: await f.token(ALICE),
    });
    expect(onlyColumns.status).toBe(201);
    expect(await onlyColumns.json()).toEqual([{ title: "col a", priority: 3 }]);
  });

  it("accepts an empty array", async () => {
    const { data, error, status } = await f.alice.from("todos").insert([]).select();
    expect(error).toBeNull();
    expect(status).toBe(201);
    expect(data).toEqual([]);
  });

  it("Content-Range of POST: */* and */n with a count", async () => {
    const token = await f.token(ALICE);
    const plain = await raw("POST", "/todos", { body: { title: "cr 1" }, token });
    expect(plain.status).toBe(201);
    expect(plain.headers.get("content-range")).toBe("*/*");
    expect(await plain.text()).toBe("");
    const counted = await raw("POST", "/todos", { body: [{ title: "cr 2" }, { title: "cr 3" }], prefer: "count=exact", token });
    expect(counted.headers.get("content-range")).toBe("*/2");
    const viaClient = await f.alice.from("todos").insert([{ title: "cr 4" }], { count: "exact" });
    expect(viaClient.count).toBe(1);
  });

  it("maps constraint errors: 23505 and 23503 → 409, 23514 and 23502 → 400, unknown column → PGRST204", async () => {
    const unique = await f.alice.from("todos").insert({ title: "alice one" });
    expect(unique.status).toBe(409);
    expect(unique.error).toMatchObject({ code: "23505" });
    // PostgreSQL hides the key values of a table with RLS from non-owners: details stay null
    expect(unique.error?.details).toBeNull();
    const foreign = await f.alice.from("messages").insert({ room_id: 999, author_id: ALICE, body: "x" });
    expect(foreign.status).toBe(409);
    expect(foreign.error?.code).toBe("23503");
    const check = await f.alice.from("todos").insert({ title: "" });
    expect(check.status).toBe(400);
    expect(check.error?.code).toBe("23514");
    const notNull = await f.alice.from("todos").insert({ title: null });
    expect(notNull.status).toBe(400);
    expect(notNull.error?.code).toBe("23502");
    const column = await f.alice.from("todos").insert({ title: "x", nope: 1 });
    expect(column.status).toBe(400);
    expect(column.error).toMatchObject({ code: "PGRST204", message: "Could not find the 'nope' column of 'todos' in the schema cache" });
  });

  it("RLS: insert-only tables accept return=minimal, and returning rows needs a SELECT policy", async () => {
    const minimal = await f.anon.from("feedback").insert({ body: "great" });
    expect(minimal.status).toBe(201);
    expect(minimal.error).toBeNull();
    const returning = await f.anon.from("feedback").insert({ body: "again" }).select();
    expect(returning.status).toBe(401);
    expect(returning.error?.code).toBe("42501");
    const stored = await f.sql("select body from public.feedback order by id");
    expect(stored.rows).toEqual([{ body: "great" }]);
    const forged = await f.alice.from("messages").insert({ room_id: 1, author_id: BOB, body: "forged" });
    expect(forged.status).toBe(403);
    expect(forged.error?.message).toContain("row-level security");
  });

  it("answers PGRST102 for an invalid body", async () => {
    const response = await raw("POST", "/todos", { token: await f.token(ALICE) });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("PGRST102");
    const broken = await fetch(`${f.stack.url}/rest/v1/todos`, {
      method: "POST",
      headers: { apikey: f.stack.keys.secretKey, "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).code).toBe("PGRST102");
  });

  it("refuses a body nested deeper than 1,000 levels with PGRST102, not a database stack overflow", async () => {
    const post = (body: string) =>
      fetch(`${f.stack.url}/rest/v1/todos`, {
        method: "POST",
        headers: { apikey: f.stack.keys.secretKey, "content-type": "application/json" },
        body,
      });
    const deep = await post(`{"title":${"[".repeat(40_000)}${"]".repeat(40_000)}}`);
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ code: "PGRST102", details: "The JSON body is nested more than 1000 levels deep" });
    // Brackets inside strings are text, not nesting.
    const text = await raw("POST", "/todos", { token: await f.token(ALICE), body: { title: `"[\\${"[".repeat(5_000)}` } });
    expect(text.status).toBe(201);
  });
});

describe("upsert", () => {
  it("merges duplicates on the primary key", async () => {
    await f.alice.from("settings").insert({ key: "theme", value: "light", note: "first" });
    const { data, error, status } = await f.alice.from("settings").upsert({ key: "theme", value: "dark" }).select();
    expect(error).toBeNull();
    expect(status).toBe(200); // nothing inserted
    expect(data).toEqual([{ key: "theme", value: "dark", note: "first" }]);
    const mixed = await f.alice.from("settings").upsert([{ key: "theme", value: "dim" }, { key: "font", value: "serif" }]).select("key, value");
    expect(mixed.status).toBe(201);
    expect(mixed.data).toEqual([{ key: "theme", value: "dim" }, { key: "font", value: "serif" }]);
  });

  it("answers 200 when a merge upsert only updated rows", async () => {
    const { data, status } = await f.alice.from("settings").upsert([{ key: "theme", value: "dark" }, { key: "font", value: "sans" }]).select("key, value");
    expect(status).toBe(200);
    expect(data).toEqual([{ key: "theme", value: "dark" }, { key: "font", value: "sans" }]);
  });

  it("ignores duplicates when asked", async () => {
    const { data, error } = await f.alice
      .from("settings")
      .upsert([{ key: "theme", value: "ignored" }, { key: "lang", value: "fr" }], { ignoreDuplicates: true })
      .select("key, value");
    expect(error).toBeNull();
    expect(data).toEqual([{ key: "lang", value: "fr" }]);
    const stored = await f.sql("select value from public.settings where key = 'theme'");
    expect(stored.rows[0].value).toBe("dark");
  });

  it("uses on_conflict columns", async () => {
    const { data, error } = await f.alice
      .from("todos")
      .upsert({ user_id: ALICE, title: "alice one", priority: 42 }, { onConflict: "user_id,title" })
      .select("title, priority");
    expect(error).toBeNull();
    expect(data).toEqual([{ title: "alice one", priority: 42 }]);
    const count = await f.sql("select count(*)::int as n from public.todos where title = 'alice one'");
    expect(count.rows[0].n).toBe(1);
    const bad = await f.alice.from("todos").upsert({ title: "x" }, { onConflict: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.error?.code).toBe("PGRST204");
  });
});

describe("update", () => {
  it("updates matching rows: 204 by default, 200 with representation, RLS-limited", async () => {
    const minimal = await f.alice.from("todos").update({ done: true }).eq("title", "bulk a");
    expect(minimal.status).toBe(204);
    expect(minimal.data).toBeNull();
    const repr = await f.alice.from("todos").update({ priority: 5 }).in("title", ["bulk a", "bulk b"]).select("title, priority, done").order("title");
    expect(repr.status).toBe(200);
    expect(repr.data).toEqual(
      expect.arrayContaining([
        { title: "bulk a", priority: 5, done: true },
        { title: "bulk b", priority: 5, done: false },
      ]),
    );
    const others = await f.bob.from("todos").update({ done: true }).eq("title", "alice two").select();
    expect(others.data).toEqual([]);
  });

  it("Content-Range of PATCH: 0-(n-1)/* and the count", async () => {
    const token = await f.token(ALICE);
    const response = await raw("PATCH", "/todos?title=in.(bulk a,bulk b)", { body: { priority: 6 }, token, prefer: "count=exact" });
    expect(response.status).toBe(204);
    expect(response.headers.get("content-range")).toBe("0-1/2");
    const plain = await raw("PATCH", "/todos?title=eq.bulk%20a", { body: { priority: 6 }, token });
    expect(plain.headers.get("content-range")).toBe("0-0/*");
    const { count } = await f.alice.from("todos").update({ priority: 7 }, { count: "exact" }).in("title", ["bulk a", "bulk b"]);
    expect(count).toBe(2);
  });

  it("answers an empty body as PostgREST does: a no-op, 204 or 200 [] with a representation, filters ignored", async () => {
    const token = await f.token(ALICE);
    const before = await f.sql("select id, title, priority, done from public.todos order by id");
    const filtered = await raw("PATCH", "/todos?title=eq.bulk%20a&done=is.false", { body: {}, token });
    expect(filtered.status).toBe(204);
    expect(filtered.headers.get("content-range")).toBe("*/*");
    const unfiltered = await raw("PATCH", "/todos", { body: {}, token });
    expect(unfiltered.status).toBe(204);
    const represented = await f.alice.from("todos").update({}).eq("title", "bulk a").select("id, title");
    expect(represented.error).toBeNull();
    expect(represented.status).toBe(200);
    expect(represented.data).toEqual([]);
    expect((await f.sql("select id, title, priority, done from public.todos order by id")).rows).toEqual(before.rows);
  });

  it("single() with several rows answers 406 and rolls the update back", async () => {
    const { error, status } = await f.alice.from("todos").update({ priority: 100 }).like("title", "bulk _").select().single();
    expect(status).toBe(406);
    expect(error?.code).toBe("PGRST116");
    const stored = await f.sql("select count(*)::int as n from public.todos where priority = 100");
    expect(stored.rows[0].n).toBe(0);
  });

  it("refuses an unfiltered update like Supabase's safeupdate", async () => {
    const { error, status } = await f.alice.from("todos").update({ done: false });
    expect(status).toBe(400);
    expect(error?.code).toBe("21000");
  });

  it("denies an update without privilege: 401 for anon, 403 for a signed-in user", async () => {
    const anon = await f.anon.from("rooms").update({ name: "x" }).eq("id", 1);
    expect(anon.status).toBe(401);
    expect(anon.error?.code).toBe("42501");
    const user = await f.alice.from("rooms").update({ name: "x" }).eq("id", 1);
    expect(user.status).toBe(403);
    expect(user.error?.code).toBe("42501");
  });
});

describe("delete", () => {
  it("deletes with representation, count and Content-Range", async () => {
    await f.alice.from("todos").insert([{ title: "del 1" }, { title: "del 2" }]);
    const { data, count, status } = await f.alice
      .from("todos")
      .delete({ count: "exact" })
      .like("title", "del%")
      .select("title")
      .order("title");
    expect(status).toBe(200);
    expect(count).toBe(2);
    expect(data).toEqual(expect.arrayContaining([{ title: "del 1" }, { title: "del 2" }]));
    const response = await raw("DELETE", "/todos?title=eq.nothing", { token: await f.token(ALICE) });
    expect(response.status).toBe(204);
    expect(response.headers.get("content-range")).toBe("*/*");
    const unfiltered = await f.alice.from("todos").delete();
    expect(unfiltered.error?.code).toBe("21000");
  });
});

describe("unsupported features answer clearly", () => {
  it("PUT, Prefer: tx=rollback, return=headers-only, max-affected", async () => {
    const token = await f.token(ALICE);
    const put = await raw("PUT", "/todos?id=eq.1", { body: { id: 1, title: "x" }, token });
    expect(put.status).toBe(501);
    expect((await put.json()).message).toContain("PUT");
    for (const prefer of ["tx=rollback", "return=headers-only", "max-affected=1"]) {
      const response = await raw("POST", "/todos", { body: { title: `u ${prefer}` }, token, prefer });
      expect(response.status).toBe(501);
      expect((await response.json()).message).toContain(prefer.split("=")[0]);
    }
    const stored = await f.sql("select count(*)::int as n from public.todos where title like 'u %'");
    expect(stored.rows[0].n).toBe(0);
  });
});
