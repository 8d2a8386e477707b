import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startLocalProject, PROJECT_ROOT, type LocalProject, type LocalProjectOptions } from "../supabase/local/project.ts";
import { waitForExit } from "../supabase/local/processes.ts";
import { startWatchdog } from "../supabase/local/watchdog.ts";
import { seedDemo } from "./seed.ts";

const NEXT_BIN = join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next");

export interface Environment {
  project: LocalProject;
  app: ChildProcess;
  appUrl: string;
  /** Resolves when the app process exits (its exit code). */
  appExited: Promise<number>;
  stop(): Promise<void>;
}

export interface EnvironmentOptions extends LocalProjectOptions {
  appPort: number;
  /** `next dev` or `next start` (after a build). */
  nextMode: "dev" | "start";
  /** Page fetched until it answers, which also compiles it in dev. */
  readyPath: string;
}

/** Polls until the URL answers below 500 or the app exits. */
async function waitForApp(url: string, app: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited with code ${app.exitCode} during start-up`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within 180 s`);
}

/**
 * The local stack (database, API) plus the Next.js app, wired together by environment variables. A watchdog process
 * stops PostgreSQL and the app if this process dies without cleaning up (crash, SIGKILL).
 */
export async function startEnvironment(options: EnvironmentOptions): Promise<Environment> {
  const appUrl = `http://localhost:${options.appPort}`;
  const project = await startLocalProject({ siteUrl: appUrl, ...options });
  await seedDemo(
    { supabaseUrl: project.stack.url, secretKey: project.secrets.secretKey, postgresUrl: project.postgresUrl },
    { log: options.log },
  );

  const app = spawn(process.execPath, [NEXT_BIN, options.nextMode, "--port", String(options.appPort)], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true, // own process group, so stopping it stops its workers too
    env: {
      ...process.env,
      SUPABASE_URL: project.stack.url,
      SUPABASE_PUBLISHABLE_KEY: project.secrets.publishableKey,
      SUPABASE_SECRET_KEY: project.secrets.secretKey,
      APP_URL: appUrl,
    },
  });
  const appExited = new Promise<number>((resolve) => app.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));

  // PostgreSQL has its own watchdog (postgres.ts); this one stops the app's process group.
  const watchdog = app.pid ? startWatchdog([{ signal: "SIGTERM", pid: -app.pid }]) : null;

  const stop = async () => {
    if (app.pid && app.exitCode === null) {
      try {
        process.kill(-app.pid, "SIGTERM");
      } catch {
        // already gone
      }
      if (!(await waitForExit(app.pid, 10_000))) process.kill(-app.pid, "SIGKILL");
    }
    await project.stop();
    watchdog?.release();
  };

  try {
    await waitForApp(`${appUrl}${options.readyPath}`, app);
  } catch (error) {
    await stop();
    throw error;
  }
  return { project, app, appUrl, appExited, stop };
}

/** Stops the environment on Ctrl-C / SIGTERM, or when the app exits by itself; then exits. */
export function stopOnSignals(environment: Environment): void {
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await environment.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  void environment.appExited.then((code) => shutdown(code === 0 ? 0 : 1));
}
