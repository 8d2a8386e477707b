import pg from "pg";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createTestStack, type TestStack } from "../../supabase/local/testing.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack(inject("cluster"));
});
afterAll(() => stack?.stop());

// TRUNCATE ignores RLS; REFERENCES, TRIGGER and MAINTAIN are no API role's business. The bootstrap's default privileges
// keep them off every table the migrations create.
it("leaves anon and authenticated no TRUNCATE, REFERENCES, TRIGGER or MAINTAIN on any public table", async () => {
  const client = new pg.Client({ connectionString: stack.roles.postgres });
  await client.connect();
  try {
    const maintain = Number((await client.query("show server_version_num")).rows[0].server_version_num) >= 170000;
    const privileges = ["TRUNCATE", "REFERENCES", "TRIGGER", ...(maintain ? ["MAINTAIN"] : [])];
    const tables = await client.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public'`,
    );
    expect(tables.rows.length).toBeGreaterThan(5);
    const granted = await client.query<{ role: string; name: string; privilege: string }>(
      `select role, t.name, privilege
         from unnest($1::text[]) t(name), unnest(array['anon', 'authenticated']) role, unnest($2::text[]) privilege
        where has_table_privilege(role, t.name, privilege)`,
      [tables.rows.map((row) => row.name), privileges],
    );
    expect(granted.rows).toEqual([]);
  } finally {
    await client.end();
  }
});
