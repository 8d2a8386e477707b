// A stack in its own process, so the kill test can SIGKILL it in the middle of a send:
//   RELIABILITY_STACK='{"databaseUrl": …, "secrets": …}' node tests/reliability/stack-process.ts
// Prints one JSON line {"url": …} once it serves.
import { startStack } from "../../supabase/local/server.ts";
import type { StackSecrets } from "../../supabase/local/keys.ts";

const { databaseUrl, secrets } = JSON.parse(process.env.RELIABILITY_STACK ?? "{}") as { databaseUrl: string; secrets: StackSecrets };
const stack = await startStack({ databaseUrl, secrets, port: 0 });
process.stdout.write(`${JSON.stringify({ url: stack.url })}\n`);
process.on("SIGTERM", () => {
  void stack.stop().finally(() => process.exit(0));
});
