// PostgREST reads through the real supabase-js client: select grammar, embeds, filters, order, ranges, counts.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ALICE, BOB, CAROL, createRestFixture, type RestFixture } from "./rest-fixture.ts";

let f: RestFixture;
beforeAll(async () => {
  f = await createRestFixture(inject("cluster"));
});
afterAll(() => f?.stop());

describe("select", () => {
  it("returns all columns with * and the JSON types of Postgres", async () => {
    const { data, error, status } = await f.anon.from("rooms").select("*").order("id");
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(data).toEqual([
      { id: 1, name: "general", tags: ["chat", "public"], meta: { color: "blue", size: { max: 10 } } },
      { id: 2, name: "random", tags: ["chat"], meta: { color: "red" } },
      { id: 3, name: "empty", tags: [], meta: {} },
    ]);
  });

  it("selects columns, aliases, casts and JSON paths", async () => {
    const { data, error } = await f.anon
      .from("rooms")
      .select("room:name, id::text, color:meta->>color, max:meta->size->max, meta->size")
      .eq("id", 1)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ room: "general", id: "1", color: "blue", max: 10, size: { max: 10 } });
    const raw = await fetch(`${f.stack.url}/rest/v1/rooms?select=id,c:meta->>color&id=eq.2`, {
      headers: { apikey: f.stack.keys.publishableKey },
    });
    expect(await raw.text()).toBe('[{"id":2,"c":"red"}]');
  });

  it("reads views", async () => {
    const { data, error } = await f.anon.from("room_names").select("name").order("name");
    expect(error).toBeNull();
    expect(data).toEqual([{ name: "empty" }, { name: "general" }, { name: "random" }]);
  });

  it("answers 42703 for an unknown column and PGRST205 for an unknown table", async () => {
    const column = await f.anon.from("rooms").select("id,nope");
    expect(column.status).toBe(400);
    expect(column.error).toMatchObject({ code: "42703", message: "column rooms.nope does not exist" });
    const table = await f.anon.from("nope").select();
    expect(table.status).toBe(404);
    expect(table.error).toMatchObject({ code: "PGRST205", message: "Could not find the table 'public.nope' in the schema cache" });
  });

  it("answers PGRST100 for an unparsable select", async () => {
    const { error, status } = await f.anon.from("rooms").select("id,(");
    expect(status).toBe(400);
    expect(error?.code).toBe("PGRST100");
  });

  it("refuses aggregates like hosted PostgREST (PGRST123) and spreads as unsupported", async () => {
    const aggregate = await f.anon.from("rooms").select("count()");
    expect(aggregate.status).toBe(400);
    expect(aggregate.error?.code).toBe("PGRST123");
    const spread = await f.alice.from("messages").select("id, ...rooms(name)");
    expect(spread.status).toBe(501);
    expect(spread.error?.message).toContain("Spreading an embedded resource");
  });
});

describe("embedded resources", () => {
  it("embeds to-one as an object and to-many as an array", async () => {
    const { data, error } = await f.alice
      .from("messages")
      .select("id, author:profiles!author_id(username), reactions(emoji)")
      .in("id", [1, 4])
      .order("id");
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, author: { username: "alice" }, reactions: [{ emoji: "👍" }, { emoji: "🎉" }] },
      { id: 4, author: { username: "alice" }, reactions: [] },
    ]);
  });

  it("gives null for a missing to-one and disambiguates by FK name or column", async () => {
    const { data, error } = await f.alice
      .from("messages")
      .select("id, editor:profiles!messages_editor_id_fkey(username), by:author_id(username)")
      .lte("id", 2)
      .order("id");
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, editor: null, by: { username: "alice" } },
      { id: 2, editor: { username: "alice" }, by: { username: "bob" } },
    ]);
  });

  it("answers 300 PGRST201 for an ambiguous embed and PGRST200 when no relationship exists", async () => {
    const ambiguous = await f.alice.from("messages").select("id, profiles(username)");
    expect(ambiguous.status).toBe(300);
    expect(ambiguous.error?.code).toBe("PGRST201");
    expect(ambiguous.error?.hint).toContain("profiles!messages_author_id_fkey");
    const none = await f.anon.from("rooms").select("id, reactions(emoji)");
    expect(none.status).toBe(400);
    expect(none.error?.code).toBe("PGRST200");
  });

  it("nests embeds two levels deep, in both directions", async () => {
    const { data, error } = await f.alice
      .from("rooms")
      .select("name, messages(body, author:profiles!author_id(username), reactions(emoji))")
      .eq("id", 1)
      .order("id", { referencedTable: "messages" })
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({
      name: "general",
      messages: [
        { body: "hello world", author: { username: "alice" }, reactions: [{ emoji: "👍" }, { emoji: "🎉" }] },
        { body: "hi alice", author: { username: "bob" }, reactions: [{ emoji: "👍" }] },
        { body: "Bonjour", author: { username: "carol" }, reactions: [] },
      ],
    });
  });

  it("filters, orders and limits embedded rows without filtering the parent", async () => {
    const { data, error } = await f.alice
      .from("rooms")
      .select("id, messages(id, score)")
      .lte("id", 2)
      .gt("messages.score", 1)
      .order("score", { referencedTable: "messages", ascending: false, nullsFirst: false })
      .limit(1, { referencedTable: "messages" })
      .order("id");
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, messages: [{ id: 1, score: 5 }] },
      { id: 2, messages: [{ id: 4, score: 9 }] },
    ]);
    const offset = await f.alice.from("rooms").select("id, messages(id)").eq("id", 1).order("id", { referencedTable: "messages" }).range(1, 1, { referencedTable: "messages" }).single();
    expect(offset.data).toEqual({ id: 1, messages: [{ id: 2 }] });
  });

  it("!inner removes parents without a match, and embedded filters then filter the parent", async () => {
    const inner = await f.anon.from("rooms").select("name, messages!inner(id)").order("id");
    // anon cannot read messages (no policy): the inner join leaves no room
    expect(inner.error).toBeNull();
    expect(inner.data).toEqual([]);
    const { data, error } = await f.alice
      .from("rooms")
      .select("name, messages!inner(body)")
      .eq("messages.body", "random thought");
    expect(error).toBeNull();
    expect(data).toEqual([{ name: "random", messages: [{ body: "random thought" }] }]);
  });

  it("filters parents on the existence of an embedded row (rel=is.null / not.is.null)", async () => {
    const without = await f.alice.from("rooms").select("name, messages(id)").is("messages", null);
    expect(without.data).toEqual([{ name: "empty", messages: [] }]);
    const withSome = await f.alice.from("rooms").select("name, messages()").not("messages", "is", null).order("name");
    expect(withSome.data).toEqual([{ name: "general" }, { name: "random" }]);
  });

  it("counts embedded rows with rel(count)", async () => {
    const { data, error } = await f.alice.from("rooms").select("name, messages(count)").order("id");
    expect(error).toBeNull();
    expect(data).toEqual([
      { name: "general", messages: [{ count: 3 }] },
      { name: "random", messages: [{ count: 1 }] },
      { name: "empty", messages: [{ count: 0 }] },
    ]);
  });

  it("answers PGRST108 for filters on a resource that is not embedded", async () => {
    const { error, status } = await f.alice.from("rooms").select("id").eq("messages.id", 1);
    expect(status).toBe(400);
    expect(error?.code).toBe("PGRST108");
  });
});

describe("filters", () => {
  const bodies = async (build: (q: ReturnType<typeof f.alice.from>) => PromiseLike<{ data: unknown; error: unknown }>) => {
    const result = await build(f.alice.from("messages"));
    expect(result.error).toBeNull();
    return (result.data as { body: string }[]).map((row) => row.body);
  };
  const select = (q: ReturnType<typeof f.alice.from>) => q.select("body").order("id");

  it("eq neq gt gte lt lte", async () => {
    expect(await bodies((q) => select(q).eq("score", 5))).toEqual(["hello world"]);
    expect(await bodies((q) => select(q).neq("score", 5))).toEqual(["Bonjour", "random thought"]);
    expect(await bodies((q) => select(q).gt("score", 5))).toEqual(["random thought"]);
    expect(await bodies((q) => select(q).gte("score", 5))).toEqual(["hello world", "random thought"]);
    expect(await bodies((q) => select(q).lt("score", 5))).toEqual(["Bonjour"]);
    expect(await bodies((q) => select(q).lte("created_at", "2025-01-01T10:01:00Z"))).toEqual(["hello world", "hi alice"]);
  });

  it("like and ilike with % or *, likeAnyOf / ilikeAllOf", async () => {
    expect(await bodies((q) => select(q).like("body", "h%"))).toEqual(["hello world", "hi alice"]);
    expect(await bodies((q) => select(q).like("body", "*o*"))).toEqual(["hello world", "Bonjour", "random thought"]);
    expect(await bodies((q) => select(q).ilike("body", "B*"))).toEqual(["Bonjour"]);
    expect(await bodies((q) => select(q).likeAnyOf("body", ["hi%", "%thought"]))).toEqual(["hi alice", "random thought"]);
    expect(await bodies((q) => select(q).ilikeAllOf("body", ["%O%", "%R%"]))).toEqual(["hello world", "Bonjour", "random thought"]);
  });

  it("in, not.in with quoted values containing commas and parentheses", async () => {
    expect(await bodies((q) => select(q).in("id", [2, 3]))).toEqual(["hi alice", "Bonjour"]);
    expect(await bodies((q) => select(q).in("body", ["Bonjour", "hi alice", "x,(y)"]))).toEqual(["hi alice", "Bonjour"]);
    expect(await bodies((q) => select(q).in("id", []))).toEqual([]);
    expect(await bodies((q) => select(q).not("id", "in", "(1,2,3)"))).toEqual(["random thought"]);
  });

  it("is null/true/false, not.is, isdistinct", async () => {
    expect(await bodies((q) => select(q).is("score", null))).toEqual(["hi alice"]);
    expect(await bodies((q) => select(q).not("score", "is", null))).toEqual(["hello world", "Bonjour", "random thought"]);
    expect(await bodies((q) => select(q).isDistinct("score", 5))).toEqual(["hi alice", "Bonjour", "random thought"]);
    const done = await f.alice.from("todos").select("title").is("done", true);
    expect(done.data).toEqual([{ title: "alice two" }]);
    const bad = await f.alice.from("todos").select("title").filter("done", "is", "maybe");
    expect(bad.status).toBe(400);
    expect(bad.error?.code).toBe("PGRST100");
  });

  it("or and and trees, nested, with not", async () => {
    expect(await bodies((q) => select(q).or("score.eq.5,and(score.gt.5,body.like.random*)"))).toEqual([
      "hello world",
      "random thought",
    ]);
    expect(await bodies((q) => select(q).or("score.is.null,body.in.(Bonjour,\"a,b\")"))).toEqual(["hi alice", "Bonjour"]);
    expect(
      await bodies((q) => select(q).or("not.and(room_id.eq.1,score.gte.0),score.is.null")),
    ).toEqual(["hi alice", "random thought"]);
  });

  it("and=(...) with a nested or, and or on an embedded resource", async () => {
    const url = `${f.stack.url}/rest/v1/messages?select=body&and=(room_id.eq.1,or(score.eq.2,score.is.null))&order=id`;
    const response = await fetch(url, { headers: { apikey: f.stack.keys.publishableKey, authorization: `Bearer ${await f.token(ALICE)}` } });
    expect(await response.json()).toEqual([{ body: "hi alice" }, { body: "Bonjour" }]);
    const embedded = await f.alice
      .from("rooms")
      .select("id, messages(id)")
      .eq("id", 1)
      .or("id.eq.1,id.eq.3", { referencedTable: "messages" })
      .single();
    expect(embedded.data).toEqual({ id: 1, messages: [{ id: 1 }, { id: 3 }] });
  });

  it("contains, containedBy, overlaps on arrays and jsonb", async () => {
    const rooms = async (build: (q: ReturnType<typeof f.anon.from>) => PromiseLike<{ data: unknown }>) =>
      ((await build(f.anon.from("rooms"))).data as { name: string }[]).map((row) => row.name);
    expect(await rooms((q) => q.select("name").contains("tags", ["chat"]).order("id"))).toEqual(["general", "random"]);
    expect(await rooms((q) => q.select("name").containedBy("tags", ["chat"]).order("id"))).toEqual(["random", "empty"]);
    expect(await rooms((q) => q.select("name").overlaps("tags", ["public", "x"]))).toEqual(["general"]);
    expect(await rooms((q) => q.select("name").contains("meta", { size: { max: 10 } }))).toEqual(["general"]);
    expect(await rooms((q) => q.select("name").or("tags.cs.{public},meta.cs.{\"color\":\"red\"}").order("id"))).toEqual(["general", "random"]);
  });

  it("filters and orders on JSON paths", async () => {
    expect(await bodies((q) => select(q).eq("data->>lang", "fr"))).toEqual(["Bonjour"]);
    expect(await bodies((q) => select(q).eq("data->tags->>0", "a"))).toEqual(["hello world"]);
    const ordered = await f.alice.from("messages").select("body").not("data", "is", null).order("data->>lang", { ascending: false }).order("id");
    expect(ordered.data).toEqual([{ body: "Bonjour" }, { body: "hello world" }, { body: "hi alice" }]);
  });

  it("match and full-text search", async () => {
    expect(await bodies((q) => select(q).match({ room_id: 1, score: 2 }))).toEqual(["Bonjour"]);
    expect(await bodies((q) => select(q).filter("body", "imatch", "^H"))).toEqual(["hello world", "hi alice"]);
    expect(await bodies((q) => select(q).textSearch("body", "world", { config: "english" }))).toEqual(["hello world"]);
    expect(await bodies((q) => select(q).textSearch("body", "random thoughts", { type: "plain", config: "english" }))).toEqual(["random thought"]);
  });

  it("answers PGRST100 for an unknown operator and 22P02 for a bad value", async () => {
    const op = await f.alice.from("messages").select("body").filter("score", "nope", "1");
    expect(op.status).toBe(400);
    expect(op.error?.code).toBe("PGRST100");
    const value = await f.alice.from("messages").select("body").eq("score", "abc");
    expect(value.status).toBe(400);
    expect(value.error?.code).toBe("22P02");
  });
});

describe("order, range and count", () => {
  it("orders with nullsfirst / nullslast on several columns", async () => {
    const first = await f.alice.from("messages").select("id").order("score", { ascending: true, nullsFirst: true });
    expect(first.data).toEqual([{ id: 2 }, { id: 3 }, { id: 1 }, { id: 4 }]);
    const last = await f.alice.from("messages").select("id").order("score", { ascending: false, nullsFirst: false });
    expect(last.data).toEqual([{ id: 4 }, { id: 1 }, { id: 3 }, { id: 2 }]);
    const multi = await f.alice.from("messages").select("id").order("room_id", { ascending: false }).order("id", { ascending: false });
    expect(multi.data).toEqual([{ id: 4 }, { id: 3 }, { id: 2 }, { id: 1 }]);
  });

  it("limit/offset via range(), with Content-Range and 206 for a counted partial page", async () => {
    const page = await f.alice.from("messages").select("id", { count: "exact" }).order("id").range(1, 2);
    expect(page.error).toBeNull();
    expect(page.status).toBe(206);
    expect(page.count).toBe(4);
    expect(page.data).toEqual([{ id: 2 }, { id: 3 }]);
    const raw = await fetch(`${f.stack.url}/rest/v1/messages?select=id&order=id&offset=1&limit=2`, {
      headers: { apikey: f.stack.keys.secretKey, prefer: "count=exact" },
    });
    expect(raw.status).toBe(206);
    expect(raw.headers.get("content-range")).toBe("1-2/4");
    const uncounted = await fetch(`${f.stack.url}/rest/v1/messages?select=id&limit=2`, { headers: { apikey: f.stack.keys.secretKey } });
    expect(uncounted.status).toBe(200);
    expect(uncounted.headers.get("content-range")).toBe("0-1/*");
    const whole = await f.alice.from("messages").select("id", { count: "planned" });
    expect(whole.status).toBe(200);
    expect(whole.count).toBe(4);
  });

  it("empty results: */0 with a count, */* without", async () => {
    const counted = await fetch(`${f.stack.url}/rest/v1/messages?id=eq.999`, {
      headers: { apikey: f.stack.keys.secretKey, prefer: "count=exact" },
    });
    expect(counted.headers.get("content-range")).toBe("*/0");
    expect(await counted.json()).toEqual([]);
    const plain = await fetch(`${f.stack.url}/rest/v1/messages?id=eq.999`, { headers: { apikey: f.stack.keys.secretKey } });
    expect(plain.headers.get("content-range")).toBe("*/*");
  });

  it("answers 416 PGRST103 for an offset past the end", async () => {
    const { error, status } = await f.alice.from("messages").select("id", { count: "exact" }).range(10, 12);
    expect(status).toBe(416);
    expect(error?.code).toBe("PGRST103");
  });

  it("HEAD with count: no body, the count from Content-Range", async () => {
    const { data, count, error, status } = await f.alice.from("messages").select("*", { count: "exact", head: true }).eq("room_id", 1);
    expect(error).toBeNull();
    expect(status).toBe(200);
    expect(count).toBe(3);
    expect(data).toBeNull();
    const estimated = await f.anon.from("rooms").select("*", { count: "estimated", head: true });
    expect(estimated.count).toBe(3);
  });

  it("answers PGRST100 for a bad limit", async () => {
    const response = await fetch(`${f.stack.url}/rest/v1/rooms?limit=-1`, { headers: { apikey: f.stack.keys.secretKey } });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe("PGRST100");
  });
});

describe("single and maybeSingle", () => {
  it("single() returns a bare object; 406 PGRST116 for zero or several rows", async () => {
    const one = await f.anon.from("profiles").select("username").eq("id", BOB).single();
    expect(one.data).toEqual({ username: "bob" });
    const none = await f.anon.from("profiles").select("username").eq("id", "00000000-0000-4000-8000-000000000000").single();
    expect(none.status).toBe(406);
    expect(none.error?.code).toBe("PGRST116");
    expect(none.error?.details).toBe("The result contains 0 rows");
    const many = await f.anon.from("profiles").select("username").single();
    expect(many.status).toBe(406);
    expect(many.error?.code).toBe("PGRST116");
  });

  it("maybeSingle() gives null, the row, or the client-side PGRST116", async () => {
    const none = await f.anon.from("profiles").select("username").eq("username", "zed").maybeSingle();
    expect(none).toMatchObject({ data: null, error: null, status: 200 });
    const one = await f.anon.from("profiles").select("username, bio").eq("id", CAROL).maybeSingle();
    expect(one.data).toEqual({ username: "carol", bio: "Likes TEA too" });
    const many = await f.anon.from("profiles").select("username").maybeSingle();
    expect(many.error?.code).toBe("PGRST116");
  });
});

describe("profiles and schemas", () => {
  it("refuses a schema that is not exposed with 406 PGRST106", async () => {
    const { error, status } = await f.service.schema("auth").from("users").select("id");
    expect(status).toBe(406);
    expect(error).toMatchObject({ code: "PGRST106", message: "The schema must be one of the following: public" });
    const write = await f.service.schema("private").from("x").insert({ a: 1 });
    expect(write.status).toBe(406);
  });

  it("accepts Accept-Profile: public explicitly, refuses CSV, and answers the root as unsupported", async () => {
    const ok = await f.anon.schema("public").from("rooms").select("id").eq("id", 1);
    expect(ok.data).toEqual([{ id: 1 }]);
    const csv = await f.anon.from("rooms").select("id").csv();
    expect(csv.status).toBe(501);
    expect(csv.error?.message).toContain("CSV");
    const root = await fetch(`${f.stack.url}/rest/v1/`, { headers: { apikey: f.stack.keys.publishableKey } });
    expect(root.status).toBe(501);
  });
});

describe("schema cache", () => {
  it("reloads on NOTIFY pgrst and automatically on an unknown table or column", async () => {
    await f.sql("create table public.late (id int primary key, label text); grant select on public.late to anon; insert into public.late values (1, 'x')");
    const first = await f.anon.from("late").select("id, label");
    expect(first.data).toEqual([{ id: 1, label: "x" }]);
    await f.sql("alter table public.late add column extra text default 'e'");
    const column = await f.anon.from("late").select("extra");
    expect(column.data).toEqual([{ extra: "e" }]);
    await f.sql("create view public.late_view as select id from public.late; grant select on public.late_view to anon; notify pgrst, 'reload schema'");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const view = await f.anon.from("late_view").select("id");
    expect(view.data).toEqual([{ id: 1 }]);
    // dropped without NOTIFY: PostgreSQL's 42703 for the stale `*` makes the stack reload and retry once
    await f.sql("alter table public.late drop column extra");
    const stale = await f.anon.from("late").select("*");
    expect(stale.error).toBeNull();
    expect(stale.data).toEqual([{ id: 1, label: "x" }]);
    const still = await f.anon.from("still_missing").select();
    expect(still.error?.code).toBe("PGRST205");
  });
});

describe("large tables", () => {
  it("pages 100,000 rows with an exact count and caps unbounded reads at max_rows", async () => {
    await f.sql(
      "create table public.big (id int primary key, label text, room_id bigint references public.rooms(id)); grant select on public.big to anon; " +
        "insert into public.big select g, 'row ' || g, 1 + g % 3 from generate_series(1, 100000) g; analyze public.big",
    );
    const { data, count, error, status } = await f.anon
      .from("big")
      .select("id, label, rooms(name)", { count: "exact" })
      .gt("id", 10)
      .order("id")
      .range(100, 149);
    expect(error).toBeNull();
    expect(status).toBe(206);
    expect(count).toBe(99990);
    expect(data).toHaveLength(50);
    expect((data as { id: number }[])[0]).toEqual({ id: 111, label: "row 111", rooms: { name: "general" } });
    const all = await f.anon.from("big").select("id");
    expect(all.data).toHaveLength(1000); // max_rows of Supabase projects
  });
});
