// Every security-definer function the API roles may call is there on purpose (issue 16, "Supabase's advisors"): a
// security definer bypasses RLS, so it must check its caller itself, and its comment says so ("API (<roles>),
// deliberate: …", see the document_api_functions migration). A new one without that comment fails here.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cloneDatabase, dropDatabase, withClient } from "../../supabase/local/database.ts";

const cluster = inject("cluster");
// A clone of the migrated template: connecting to the template itself would block the other test files' clones.
const name = `api_functions_${randomBytes(4).toString("hex")}`;
let url: string;
beforeAll(async () => {
  url = await cloneDatabase(cluster.superuserUrl, cluster.template, name);
});
afterAll(() => dropDatabase(cluster.superuserUrl, name));

interface ExposedFunction {
  name: string;
  anon: boolean;
  comment: string | null;
}

describe("security-definer functions in the API schema", () => {
  it("each one executable by anon or authenticated is documented as deliberate, naming who may call it", async () => {
    const { rows } = await withClient(url, (client) =>
      client.query<ExposedFunction>(
        `select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as name,
                has_function_privilege('anon', p.oid, 'execute') as anon,
                obj_description(p.oid, 'pg_proc') as comment
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
         where n.nspname = 'public' and p.prosecdef
           and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))
         order by 1`,
      ),
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const fn of rows) {
      expect(fn.comment, fn.name).toMatch(fn.anon ? /^API \(anon, authenticated\), deliberate: / : /^API \(authenticated\), deliberate: /);
    }
    // Only the sign-in check is open to anonymous visitors.
    expect(rows.filter((fn) => fn.anon).map((fn) => fn.name)).toEqual(["site_sign_in_allowed(target_event_id uuid, email text)"]);
  });
});
