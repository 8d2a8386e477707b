import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { applyMigrations, applySeedSql, bootstrapDatabase, roleUrls } from "./database.ts";
import { loadOrCreateSecrets, type StackSecrets } from "./keys.ts";
import { startCluster, type RunningCluster } from "./postgres.ts";
import { startStack, type RunningStack } from "./server.ts";
import type { AuthOverrides } from "./auth/settings.ts";

export const PROJECT_ROOT = join(import.meta.dirname, "..", "..");
export const LOCAL_DIR = join(PROJECT_ROOT, ".supabase-local");

export interface LocalProjectOptions {
  /** Folder for the cluster, secrets and logs (git-ignored). */
  stateDir?: string;
  dbPort?: number;
  apiPort?: number;
  siteUrl?: string;
  /** A superuser URL of another PostgreSQL to use instead of the embedded one (env DATABASE_URL). */
  databaseUrl?: string;
  settings?: Record<string, string>;
  /** Auth settings that differ from supabase/config.toml, explicitly (the e2e server's one-machine budgets). */
  auth?: AuthOverrides;
  log?: (line: string) => void;
}

export interface LocalProject {
  stack: RunningStack;
  cluster: RunningCluster | null;
  secrets: StackSecrets;
  /** Superuser URL of the app database. */
  databaseUrl: string;
  /** Login URL of `postgres`, the role migrations run as (what `supabase db` commands use). */
  postgresUrl: string;
  migrationsApplied: string[];
  stop(): Promise<void>;
}

/**
 * Starts the whole local Supabase project: PostgreSQL (embedded unless a URL is given), the Supabase bootstrap,
 * pending migrations and the SQL seed, then the API server.
 */
export async function startLocalProject(options: LocalProjectOptions = {}): Promise<LocalProject> {
  const stateDir = options.stateDir ?? LOCAL_DIR;
  const log = options.log ?? (() => undefined);
  mkdirSync(stateDir, { recursive: true });
  chmodSync(stateDir, 0o755); // PostgreSQL runs as the postgres OS user when we are root
  const secrets = await loadOrCreateSecrets(join(stateDir, "secrets.json"));

  let cluster: RunningCluster | null = null;
  let databaseUrl: string;
  if (options.databaseUrl) {
    databaseUrl = options.databaseUrl;
    log(`using the PostgreSQL server of DATABASE_URL`);
  } else {
    cluster = await startCluster({
      dataDir: join(stateDir, "db", "data"),
      port: options.dbPort ?? 54322,
      password: secrets.databasePassword,
      settings: options.settings,
    });
    databaseUrl = cluster.url();
  }
  try {
    await bootstrapDatabase(databaseUrl, secrets.databasePassword);
    const postgresUrl = roleUrls(databaseUrl, secrets.databasePassword).postgres;
    const migrationsApplied = await applyMigrations(postgresUrl);
    if (migrationsApplied.length > 0) log(`applied migrations ${migrationsApplied.join(", ")}`);
    if (await applySeedSql(postgresUrl)) log("applied supabase/seed.sql");
    const stack = await startStack({
      databaseUrl,
      secrets,
      port: options.apiPort ?? 54321,
      siteUrl: options.siteUrl,
      auth: options.auth,
    });
    return {
      stack,
      cluster,
      secrets,
      databaseUrl,
      postgresUrl,
      migrationsApplied,
      async stop() {
        await stack.stop();
        await cluster?.stop();
      },
    };
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
}
