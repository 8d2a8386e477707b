// `npm run db:advisors` (and a step of `npm test`, scripts/test.ts): Supabase's own advisors — the CLI's
// `supabase db advisors`, the splinter security and performance lints the hosted dashboard shows — on a freshly
// migrated throw-away database.
// Exits non-zero when any lint is WARN or worse, so a migration that brings one back fails the tests.
//
// The CLI needs no Docker for this (docs: /work/shared/docs/supabase-tooling.md): it connects to the database URL. The
// local PostgreSQL has no TLS, hence sslmode=disable. Hosted projects name the API's schemas in `pgrst.db_schemas`;
// the security-definer lints read that setting to know which functions the API exposes, so it is set here as hosted
// sets it (public and graphql_public, the dashboard's default "Exposed schemas").
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { cloneDatabase, dropDatabase, withClient } from "../supabase/local/database.ts";
import { startTestCluster } from "../supabase/local/testing.ts";

const root = join(import.meta.dirname, "..");
const API_SCHEMAS = "public, graphql_public";

const lintsSchema = z.array(z.object({ name: z.string(), level: z.string(), detail: z.string() }));

/** One line per lint, WARN and ERROR first (INFO such as "unused index" is expected on an empty database). */
function printLints(output: string): void {
  const start = output.indexOf("[");
  const parsed = start === -1 ? null : lintsSchema.safeParse(JSON.parse(output.slice(start, output.lastIndexOf("]") + 1)));
  if (!parsed?.success) {
    process.stdout.write(output);
    return;
  }
  const rank = (level: string) => ["ERROR", "WARN", "INFO"].indexOf(level);
  for (const lint of [...parsed.data].sort((a, b) => rank(a.level) - rank(b.level))) {
    console.log(`  ${lint.level.padEnd(5)} ${lint.name}: ${lint.detail.replaceAll("`", "")}`);
  }
  console.log(`  ${parsed.data.length} lints: ${["ERROR", "WARN", "INFO"].map((level) => `${parsed.data.filter((l) => l.level === level).length} ${level}`).join(", ")}`);
}

const { cluster, stop } = await startTestCluster();
const name = `advisors_${randomBytes(4).toString("hex")}`;
let status = 1;
try {
  const url = await cloneDatabase(cluster.superuserUrl, cluster.template, name);
  await withClient(url, (client) => client.query(`alter database ${client.escapeIdentifier(name)} set pgrst.db_schemas = '${API_SCHEMAS}'`));
  // A new session sees the database-level setting, as the CLI's will.
  const seen = await withClient(url, (client) => client.query<{ schemas: string | null }>("select current_setting('pgrst.db_schemas', true) as schemas"));
  if (seen.rows[0]?.schemas !== API_SCHEMAS) throw new Error("pgrst.db_schemas is not set on the advisors' database");
  const dbUrl = new URL(url);
  dbUrl.searchParams.set("sslmode", "disable");
  const run = spawnSync(
    join(root, "node_modules", ".bin", "supabase"),
    ["db", "advisors", "--db-url", dbUrl.toString(), "--type", "all", "--level", "info", "--fail-on", "warn"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" } },
  );
  if (run.error) throw run.error;
  status = run.status ?? 1;
  printLints(run.stdout);
  console.log(status === 0 ? "advisors: no WARN or ERROR lint" : `advisors: failed (exit ${status}): fix the WARN/ERROR lints above`);
} finally {
  await dropDatabase(cluster.superuserUrl, name).catch(() => undefined);
  await stop();
}
process.exit(status);
