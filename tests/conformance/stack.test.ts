import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { createTestStack, type TestStack } from "../../supabase/local/testing.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack(inject("cluster"), { bare: true });
});
afterAll(() => stack?.stop());

describe("local database bootstrap", () => {
  it("runs migrations as the non-superuser postgres, and auth.uid() reads the request claims", async () => {
    const client = new pg.Client({ connectionString: stack.roles.postgres });
    await client.connect();
    try {
      const role = await client.query("select rolsuper from pg_roles where rolname = current_user");
      expect(role.rows[0].rolsuper).toBe(false);
      await client.query("begin");
      await client.query("select set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({ sub: "8a1f5c52-3d5e-4c1e-9d67-1f0c6f6b2a10", role: "authenticated" }),
      ]);
      const uid = await client.query("select auth.uid() as uid, auth.role() as role");
      expect(uid.rows[0]).toEqual({ uid: "8a1f5c52-3d5e-4c1e-9d67-1f0c6f6b2a10", role: "authenticated" });
      await client.query("commit");
      const after = await client.query("select auth.uid() as uid");
      expect(after.rows[0].uid).toBeNull();
    } finally {
      await client.end();
    }
  });

  it("answers CORS preflights for the browser client", async () => {
    const response = await fetch(`${stack.url}/rest/v1/anything`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:3000", "access-control-request-headers": "apikey, authorization, prefer" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toContain("prefer");
    expect(response.headers.get("access-control-expose-headers")).toContain("Content-Range");
  });

  it("gives the API roles no TRUNCATE, REFERENCES, TRIGGER or MAINTAIN on public tables, granted or not", async () => {
    const client = new pg.Client({ connectionString: stack.roles.postgres });
    await client.connect();
    try {
      await client.query("create table public.grants_probe (id int primary key)");
      await client.query("grant select, insert, update, delete on public.grants_probe to anon, authenticated");
      const maintain = Number((await client.query("show server_version_num")).rows[0].server_version_num) >= 170000;
      const privileges = ["TRUNCATE", "REFERENCES", "TRIGGER", ...(maintain ? ["MAINTAIN"] : [])];
      const rows = await client.query<{ role: string; privilege: string; granted: boolean }>(
        `select role, privilege, has_table_privilege(role, 'public.grants_probe', privilege) as granted
           from unnest(array['anon', 'authenticated']) role, unnest($1::text[]) privilege`,
        [privileges],
      );
      expect(rows.rows.filter((row) => row.granted)).toEqual([]);
      const kept = await client.query("select has_table_privilege('authenticated', 'public.grants_probe', 'SELECT') as ok");
      expect(kept.rows[0].ok).toBe(true);
    } finally {
      await client.query("drop table if exists public.grants_probe");
      await client.end();
    }
  });

  it("serves the mailbox without CORS: a page of another origin cannot read sign-in codes", async () => {
    const read = await fetch(`${stack.url}/__local/mailbox?email=someone%40example.com`, { headers: { origin: "https://evil.example" } });
    expect(read.status).toBe(200);
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${stack.url}/__local/mailbox?email=someone%40example.com`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const page = await fetch(`${stack.url}/__local/mailbox/html`, { headers: { origin: "https://evil.example" } });
    expect(page.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers an unknown route with a JSON 404", async () => {
    const response = await fetch(`${stack.url}/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: expect.stringContaining("no route") });
  });
});
