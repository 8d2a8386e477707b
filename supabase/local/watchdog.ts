// Stops processes when the process that started them dies, even by SIGKILL: the starter holds this watchdog's stdin
// open, and the kernel closes it when the starter dies. Run as `node watchdog.ts <signal>:<pid> ...` (a negative pid is
// a process group); a line "release" on stdin means the starter stopped them itself.
import { spawn } from "node:child_process";

export interface Watchdog {
  /** The starter stopped the processes itself: the watchdog exits without signalling. */
  release(): void;
}

export function startWatchdog(targets: { signal: NodeJS.Signals; pid: number }[]): Watchdog {
  const child = spawn(process.execPath, [import.meta.filename, ...targets.map((t) => `${t.signal}:${t.pid}`)], {
    stdio: ["pipe", "ignore", "ignore"],
    detached: true,
  });
  child.unref();
  return {
    release() {
      child.stdin?.end("release\n");
    },
  };
}

function runWatchdog(): void {
  const targets = process.argv.slice(2).map((arg) => {
    const [signal, pid] = arg.split(":");
    return { signal: signal as NodeJS.Signals, pid: Number(pid) };
  });
  let released = false;
  let input = "";
  const finish = () => {
    if (!released) {
      for (const { signal, pid } of targets) {
        try {
          process.kill(pid, signal);
        } catch {
          // already gone
        }
      }
    }
    process.exit(0);
  };
  process.on("SIGINT", () => undefined); // a terminal Ctrl-C reaches the whole group; the starter decides
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk: string) => {
    input += chunk;
    if (input.includes("release")) released = true;
  });
  process.stdin.on("end", finish);
  process.stdin.on("error", finish);
}

if (import.meta.main) runWatchdog();
