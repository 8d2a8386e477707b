// Stops the stack's child processes when the process that started them dies, even by SIGKILL: that process holds our
// stdin open, and the kernel closes it when it dies. Usage: node watchdog.ts <signal>:<pid> ...
const targets = process.argv.slice(2).map((arg) => {
  const [signal, pid] = arg.split(":");
  return { signal: signal as NodeJS.Signals, pid: Number(pid) };
});

function stopAll(): void {
  for (const { signal, pid } of targets) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
  process.exit(0);
}

process.on("SIGINT", () => undefined); // a terminal Ctrl-C reaches the whole group; the parent decides
process.stdin.on("end", stopAll);
process.stdin.on("error", stopAll);
process.stdin.on("close", stopAll);
process.stdin.resume();
