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

  it("answers an unknown route with a JSON 404", async () => {
    const response = await fetch(`${stack.url}/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: expect.stringContaining("no route") });
  });
});
