// The REST layer pipelines a request's BEGIN + settings, its query and, when read-only, its COMMIT on one connection:
// each request must still run in its own transaction with its own settings, after failures too, and a write is kept
// only when its result passed the checks.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ALICE, BOB, createRestFixture, type RestFixture } from "./rest-fixture.ts";

const EXTRA_SQL = `
create function public.tx_state() returns json language sql stable as $$
  select json_build_object(
    'pid', pg_backend_pid(),
    'xact_started', transaction_timestamp(),
    'read_only', current_setting('transaction_read_only'),
    'sub', current_setting('request.jwt.claim.sub', true),
    'user', current_user)
$$;
create function public.fail_read() returns int language plpgsql stable as $$
begin
  raise exception using errcode = 'PT409', message = 'read failed';
end;
$$;
grant execute on function public.tx_state(), public.fail_read() to anon, authenticated, service_role;
`;

interface TxState {
  pid: number;
  xact_started: string;
  read_only: string;
  sub: string | null;
  user: string;
}

let f: RestFixture;
beforeAll(async () => {
  f = await createRestFixture(inject("cluster"), EXTRA_SQL);
});
afterAll(() => f?.stop());

async function state(client: RestFixture["anon"]): Promise<TxState> {
  const { data, error } = await client.rpc("tx_state");
  expect(error).toBeNull();
  return data as TxState;
}

describe("pipelined requests", () => {
  it("each read runs in its own read-only transaction with its caller's settings, also after a failed read", async () => {
    const first = await state(f.alice);
    const failed = await f.alice.rpc("fail_read");
    expect(failed.status).toBe(409);
    expect(failed.error?.message).toBe("read failed");
    const second = await state(f.bob);
    const third = await state(f.anon);
    // sequential requests reuse the pooled connection: the transactions must not be shared
    expect(new Set([first.pid, second.pid, third.pid]).size).toBe(1);
    expect(new Set([first.xact_started, second.xact_started, third.xact_started]).size).toBe(3);
    expect(first).toMatchObject({ read_only: "on", sub: ALICE, user: "authenticated" });
    expect(second).toMatchObject({ read_only: "on", sub: BOB, user: "authenticated" });
    expect(third).toMatchObject({ read_only: "on", sub: "", user: "anon" });
  });

  it("a read answered 406 leaves the connection clean; a write answered 406 is rolled back, a good one is kept", async () => {
    const many = await f.service.from("todos").select("*").single();
    expect(many.status).toBe(406);
    const before = await f.service.from("settings").select("key");
    expect(before.error).toBeNull();
    const rejected = await f.service.from("settings").insert([{ key: "pipe-a" }, { key: "pipe-b" }]).select().single();
    expect(rejected.status).toBe(406);
    const kept = await f.service.from("settings").insert({ key: "pipe-c" }).select().single();
    expect(kept.status).toBe(201);
    const { data } = await f.service.from("settings").select("key").like("key", "pipe-%").order("key");
    expect(data).toEqual([{ key: "pipe-c" }]);
    expect((await state(f.alice)).read_only).toBe("on");
  });

  it("many concurrent reads, failing reads and writes each get their own answer", async () => {
    const calls = Array.from({ length: 30 }, (_, i) => {
      if (i % 3 === 0) return f.alice.rpc("fail_read").then((r) => ["fail", r.status] as const);
      if (i % 3 === 1) return f.bob.rpc("tx_state").then((r) => ["read", (r.data as TxState).sub] as const);
      return f.service.from("settings").insert({ key: `pipe-concurrent-${i}` }).then((r) => ["write", r.status] as const);
    });
    const results = await Promise.all(calls);
    results.forEach((result, i) => {
      expect(result).toEqual(i % 3 === 0 ? ["fail", 409] : i % 3 === 1 ? ["read", BOB] : ["write", 201]);
    });
    const { count } = await f.service.from("settings").select("*", { count: "exact", head: true }).like("key", "pipe-concurrent-%");
    expect(count).toBe(10);
  });
});
