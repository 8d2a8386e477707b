// Cold start of `npm run dev` (its entry, scripts/dev.ts), twice: as on a fresh clone (no local database, no Next.js
// dev cache) and warm (the database and the cache of the first run exist). Each run is timed from the spawn to:
// Next.js listening (it starts after the stack, migrations and demo seed), the "Ready in" banner (the back-office
// sign-in page answered, which compiles it), then a 200 from the sign-in page and from the event site (its first
// request compiles it). The dev server's output goes to test-results/bench/cold-start-<case>.log. It runs on free
// ports, with its state in .supabase-local/bench-cold-start (a folder the embedded PostgreSQL's OS user can enter), so
// it runs beside a dev server on 3000/54321 of another checkout. Next.js allows one `next dev` per folder: a dev server
// running in this checkout must be stopped first.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { LOCAL_DIR, PROJECT_ROOT } from "../supabase/local/project.ts";
import { isAlive, waitForExit } from "../supabase/local/processes.ts";
import { freePort } from "../supabase/local/testing.ts";
import { DEMO_EVENT } from "../scripts/demo.ts";
import { record } from "./results.ts";

const STATE_DIR = join(LOCAL_DIR, "bench-cold-start");
const NEXT_DEV_DIR = join(PROJECT_ROOT, ".next", "dev");
const LOG_DIR = join(PROJECT_ROOT, "test-results", "bench");
const SIGN_IN = "/admin/sign-in";
const SITE = `/e/${DEMO_EVENT.slug}`;

interface Timings {
  /** Spawn → Next.js says it is ready (listening): the database, migrations, seed and API were done before. */
  nextListening: number;
  /** Next.js's own start time ("✓ Ready in 1007ms"), part of the above. */
  nextStart: string;
  /** Spawn → the banner of scripts/dev.ts (the sign-in page answered). */
  banner: number;
  /** The banner's own "Ready in 124.7 s" (counted by dev.ts from its first line, after Node loaded it). */
  bannerSays: string;
  /** Next.js's own log of the first sign-in request ("200 in 4.1s (compile: …)"). */
  firstRequestLog: string;
  /** Spawn → 200 from the sign-in page, asked right after the banner. */
  signIn200: number;
  /** The event site's first request (compiles it): its duration, and spawn → that 200. */
  siteFirstRequest: number;
  site200: number;
}

function devServerInThisCheckout(): string | null {
  const lock = join(NEXT_DEV_DIR, "lock");
  if (!existsSync(lock)) return null;
  try {
    const info = JSON.parse(readFileSync(lock, "utf8")) as { pid?: number; appUrl?: string };
    return info.pid && isAlive(info.pid) ? `pid ${info.pid}, ${info.appUrl ?? "?"}` : null;
  } catch {
    return null; // an empty or foreign lock file: Next.js itself will say
  }
}

async function get(url: string): Promise<number> {
  const response = await fetch(url, { redirect: "manual" });
  await response.arrayBuffer();
  return response.status;
}

async function startOnce(label: string): Promise<Timings> {
  const [appPort, apiPort, dbPort] = [await freePort(), await freePort(), await freePort()];
  const appUrl = `http://localhost:${appPort}`;
  const started = performance.now();
  const since = () => performance.now() - started;
  const dev = spawn(process.execPath, [join(PROJECT_ROOT, "scripts", "dev.ts")], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(appPort),
      SUPABASE_LOCAL_DIR: STATE_DIR,
      SUPABASE_API_PORT: String(apiPort),
      SUPABASE_DB_PORT: String(dbPort),
    },
  });
  const marks: Partial<Timings> = {};
  let output = "";
  let banner: () => void = () => undefined;
  const bannerShown = new Promise<void>((resolve) => (banner = resolve));
  const onLine = (line: string) => {
    const ready = /✓ Ready in (\S+)/.exec(line);
    if (marks.nextListening === undefined && ready) {
      marks.nextListening = since();
      marks.nextStart = ready[1];
    }
    const request = new RegExp(`GET ${SIGN_IN} \\d{3} in (.*)$`).exec(line);
    if (marks.firstRequestLog === undefined && request) marks.firstRequestLog = request[1].trim();
    const says = /^\s*Ready in ([\d.]+ s)\./.exec(line);
    if (marks.banner === undefined && says) {
      marks.banner = since();
      marks.bannerSays = says[1];
      banner();
    }
  };
  for (const stream of [dev.stdout, dev.stderr]) {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      output += chunk;
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      // Next.js colours its output: match on the text.
      lines.forEach((line) => onLine(line.replace(/\x1b\[[0-9;]*m/g, "")));
    });
  }
  const exited = new Promise<number>((resolve) => dev.once("exit", (code) => resolve(code ?? 1)));
  try {
    const outcome = await Promise.race([
      bannerShown.then(() => "ready" as const),
      exited.then((code) => `exited with code ${code}` as const),
      // Unreferenced: the timeout must not keep the bench alive for 300 s once the race is decided.
      sleep(300_000, undefined, { ref: false }).then(() => "timed out after 300 s" as const),
    ]);
    if (outcome !== "ready") throw new Error(`${label}: npm run dev ${outcome}\n${output.slice(-3000)}`);
    const signIn = await get(`${appUrl}${SIGN_IN}`);
    if (signIn !== 200) throw new Error(`${label}: ${SIGN_IN} answered ${signIn}`);
    marks.signIn200 = since();
    const siteStart = performance.now();
    const site = await get(`${appUrl}${SITE}`);
    if (site !== 200) throw new Error(`${label}: ${SITE} answered ${site}`);
    marks.siteFirstRequest = performance.now() - siteStart;
    marks.site200 = since();
    await sleep(200); // lets Next.js print its request log lines
  } finally {
    mkdirSync(LOG_DIR, { recursive: true });
    writeFileSync(join(LOG_DIR, `cold-start-${label.split(" ")[0]}.log`), output);
    if (dev.pid && dev.exitCode === null) {
      dev.kill("SIGTERM"); // dev.ts stops Next.js and PostgreSQL
      if (!(await waitForExit(dev.pid, 30_000))) dev.kill("SIGKILL");
    }
    await exited;
  }
  return {
    nextStart: marks.nextStart ?? "?",
    nextListening: marks.nextListening ?? NaN,
    banner: marks.banner ?? NaN,
    bannerSays: marks.bannerSays ?? "?",
    firstRequestLog: marks.firstRequestLog ?? "not logged",
    signIn200: marks.signIn200 ?? NaN,
    siteFirstRequest: marks.siteFirstRequest ?? NaN,
    site200: marks.site200 ?? NaN,
  };
}

const running = devServerInThisCheckout();
if (running) {
  console.error(`a next dev server runs in this checkout (${running}); Next.js allows one per folder: stop it first`);
  process.exit(1);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const cases = [
  { id: "fresh", label: "fresh clone (no database, no .next/dev cache)", prepare: () => {
    rmSync(STATE_DIR, { recursive: true, force: true });
    rmSync(NEXT_DEV_DIR, { recursive: true, force: true });
  } },
  { id: "warm", label: "warm (database and .next/dev cache from the run before)", prepare: () => undefined },
];
try {
  for (const { id, label, prepare } of cases) {
    prepare();
    console.log(`\n${label}: spawning scripts/dev.ts`);
    const t = await startOnce(label);
    console.log(
      [
        `  next dev listening (after the stack, migrations and seed): ${seconds(t.nextListening)}, Next.js's own start ${t.nextStart}`,
        `  "Ready" banner (sign-in page answered): ${seconds(t.banner)} (it says ${t.bannerSays}); Next.js logged the first ${SIGN_IN}: ${t.firstRequestLog}`,
        `  200 from ${SIGN_IN}: ${seconds(t.signIn200)}`,
        `  200 from the event site ${SITE}: ${seconds(t.site200)} (its first request took ${seconds(t.siteFirstRequest)})`,
      ].join("\n"),
    );
    const method = "spawn of scripts/dev.ts (what `npm run dev` runs) on free ports → its banner / 200 from the page";
    record({ id: `cold-start.${id}.ready`, measure: `npm run dev, ${label}: spawn → "Ready" banner`, result: seconds(t.banner),
      method: `${method} (the banner's own count: ${t.bannerSays}); next dev listened at ${seconds(t.nextListening)} (after the stack, migrations and seed; its own start ${t.nextStart})` });
    record({ id: `cold-start.${id}.sign-in`, measure: `npm run dev, ${label}: first compile of ${SIGN_IN}`, result: t.firstRequestLog,
      method: `Next.js's log of the first request (the banner waits for it); 200 at ${seconds(t.signIn200)} after spawn` });
    record({ id: `cold-start.${id}.site`, measure: `npm run dev, ${label}: first request of the event site ${SITE}`,
      result: `${seconds(t.siteFirstRequest)} (200 at ${seconds(t.site200)} after spawn)`,
      method: "fetched right after the banner; the first request compiles the page" });
  }
} finally {
  rmSync(STATE_DIR, { recursive: true, force: true });
}
