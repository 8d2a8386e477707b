import { readFileSync } from "node:fs";
import { join } from "node:path";
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

// Hosted projects grant them by default (the local bootstrap does not): the migration must take them back there too.
it("the migration takes them back from a database that granted them, as hosted projects do", async () => {
  const client = new pg.Client({ connectionString: stack.roles.postgres });
  await client.connect();
  try {
    const file = join(import.meta.dirname, "..", "..", "supabase", "migrations", "20261207120000_revoke_api_table_maintenance_privileges.sql");
    await client.query("begin");
    await client.query("grant truncate, references, trigger on public.messages, public.participants to anon, authenticated");
    await client.query("create table public.created_after (id int)");
    await client.query("grant all on public.created_after to anon, authenticated");
    const before = await client.query<{ granted: boolean }>(`select has_table_privilege('anon', 'public.messages', 'TRUNCATE') as granted`);
    expect(before.rows[0]?.granted).toBe(true);
    await client.query(readFileSync(file, "utf8"));
    const after = await client.query<{ role: string; name: string; privilege: string }>(
      `select role, name, privilege
         from unnest(array['public.messages', 'public.participants', 'public.created_after']) name,
              unnest(array['anon', 'authenticated']) role, unnest(array['TRUNCATE', 'REFERENCES', 'TRIGGER']) privilege
        where has_table_privilege(role, name, privilege)`,
    );
    expect(after.rows).toEqual([]);
  } finally {
    await client.query("rollback").catch(() => undefined);
    await client.end();
  }
});
