import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { sha256Hex } from "./keys.ts";

const here = import.meta.dirname;
export const BOOTSTRAP_DIR = join(here, "bootstrap");
export const MIGRATIONS_DIR = join(here, "..", "migrations");
export const SEED_FILE = join(here, "..", "seed.sql");

/** Runs `work` with one connection to `url`, always closing it. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string, user?: { name: string; password: string }): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = user.name;
    parsed.password = encodeURIComponent(user.password);
  }
  return parsed.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

/** Login URLs for the roles the stack's services use, on the database of `superuserUrl`. */
export function roleUrls(superuserUrl: string, password: string) {
  const database = databaseNameOf(superuserUrl);
  return {
    superuser: superuserUrl,
    postgres: withDatabase(superuserUrl, database, { name: "postgres", password }),
    authenticator: withDatabase(superuserUrl, database, { name: "authenticator", password }),
    authAdmin: withDatabase(superuserUrl, database, { name: "supabase_auth_admin", password }),
  };
}

function bootstrapFiles(): { name: string; sql: string }[] {
  return readdirSync(BOOTSTRAP_DIR)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(BOOTSTRAP_DIR, name), "utf8") }));
}

export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
}

export function migrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((file) => {
      const match = /^([0-9]+)_(.*)\.sql$/.exec(file);
      return match ? [{ version: match[1], name: match[2], sql: readFileSync(join(dir, file), "utf8") }] : [];
    });
}

/**
 * Creates the Supabase-provided objects (roles, extensions, auth, realtime, migration history) in the database of
 * `superuserUrl`, once. Roles are cluster-wide and get `password` for their logins.
 */
export async function bootstrapDatabase(superuserUrl: string, password: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    const done = await client.query("select to_regclass('supabase_migrations.schema_migrations') is not null as done");
    if (done.rows[0].done) return;
    const [roles, ...perDatabase] = bootstrapFiles();
    await client.query(roles.sql);
    await setLoginPasswords(client, password);
    const database = client.escapeIdentifier(databaseNameOf(superuserUrl));
    await client.query(`alter database ${database} owner to postgres`);
    await client.query("begin");
    try {
      for (const file of perDatabase) await client.query(file.sql);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw error;
    }
  });
}

const LOGIN_ROLES = ["postgres", "authenticator", "supabase_auth_admin"];

async function setLoginPasswords(client: pg.Client, password: string): Promise<void> {
  for (const role of LOGIN_ROLES) {
    await client.query(`alter role ${client.escapeIdentifier(role)} password ${client.escapeLiteral(password)}`);
  }
}

/** Sets the password of the stack's login roles (cluster-wide), e.g. for a test run on an existing server. */
export async function resetLoginPasswords(superuserUrl: string, password: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    const existing = await client.query("select count(*)::int as n from pg_roles where rolname = any($1)", [LOGIN_ROLES]);
    if (existing.rows[0].n === LOGIN_ROLES.length) await setLoginPasswords(client, password);
  });
}

/**
 * Applies pending migrations like the Supabase CLI: logged in as `postgres` (not a superuser), `RESET ALL`, then the
 * file and its history row in one transaction. Returns the versions applied.
 */
export async function applyMigrations(postgresUrl: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  return withClient(postgresUrl, async (client) => {
    await client.query("set lock_timeout = '4s'");
    const applied = new Set(
      (await client.query<{ version: string }>("select version from supabase_migrations.schema_migrations")).rows.map(
        (row) => row.version,
      ),
    );
    const newest = [...applied].sort().at(-1);
    const pending = migrationFiles(dir).filter((migration) => !applied.has(migration.version));
    const versions: string[] = [];
    for (const migration of pending) {
      if (newest && migration.version < newest) {
        throw new Error(
          `migration ${migration.version}_${migration.name} is older than the last applied one (${newest}); give it a newer timestamp`,
        );
      }
      await client.query("reset all");
      await client.query("begin");
      try {
        await client.query(migration.sql);
        await client.query(
          "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
          [migration.version, migration.name, [migration.sql]],
        );
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`migration ${migration.version}_${migration.name} failed: ${message}`, { cause: error });
      }
      versions.push(migration.version);
    }
    return versions;
  });
}

/** Runs `supabase/seed.sql` once per content, recorded in `seed_files` like the CLI. */
export async function applySeedSql(postgresUrl: string, file = SEED_FILE): Promise<boolean> {
  if (!existsSync(file)) return false;
  const sql = readFileSync(file, "utf8");
  const hash = sha256Hex(sql);
  return withClient(postgresUrl, async (client) => {
    const seen = await client.query("select hash from supabase_migrations.seed_files where path = 'supabase/seed.sql'");
    if (seen.rowCount) return false;
    await client.query("begin");
    await client.query(sql);
    await client.query(
      "insert into supabase_migrations.seed_files (path, hash) values ('supabase/seed.sql', $1) on conflict (path) do update set hash = excluded.hash",
      [hash],
    );
    await client.query("commit");
    return true;
  });
}

/**
 * Name of the template database for the current bootstrap (and migrations, unless bare): a change of either makes a
 * new one.
 */
export function templateName(bare = false): string {
  const files = bare ? bootstrapFiles() : [...bootstrapFiles(), ...migrationFiles().map((m) => ({ name: m.version, sql: m.sql }))];
  const fingerprint = sha256Hex(files.map((file) => `${file.name}\n${file.sql}`).join("\n"));
  return `template_${bare ? "bare" : "app"}_${fingerprint.slice(0, 12)}`;
}

/**
 * Ensures a template database exists in the cluster of `superuserUrl` and returns its name: bootstrapped and migrated,
 * or only bootstrapped when `bare` (the stack's own conformance tests bring their own schema). Tests clone it:
 * `CREATE DATABASE … TEMPLATE` copies files, so a fresh isolated database costs milliseconds.
 */
export async function ensureTemplate(superuserUrl: string, password: string, { bare = false } = {}): Promise<string> {
  const name = templateName(bare);
  const exists = await withClient(superuserUrl, async (client) => {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return true;
    await client.query(`create database ${client.escapeIdentifier(name)}`);
    return false;
  });
  if (!exists) {
    const templateUrl = withDatabase(superuserUrl, name);
    try {
      await bootstrapDatabase(templateUrl, password);
      if (!bare) await applyMigrations(roleUrls(templateUrl, password).postgres);
    } catch (error) {
      await dropDatabase(superuserUrl, name);
      throw error;
    }
  }
  return name;
}

/** Creates an isolated database cloned from `template`; returns its superuser URL. */
export async function cloneDatabase(superuserUrl: string, template: string, name: string): Promise<string> {
  await withClient(superuserUrl, (client) =>
    client.query(
      `create database ${client.escapeIdentifier(name)} template ${client.escapeIdentifier(template)} owner postgres`,
    ),
  );
  return withDatabase(superuserUrl, name);
}

export async function dropDatabase(superuserUrl: string, name: string): Promise<void> {
  await withClient(superuserUrl, (client) =>
    client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`),
  );
}
