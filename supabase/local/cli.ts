// `npm run stack -- start|reset`: the local Supabase stack without the app.
//   start  database + API in the foreground (Ctrl-C stops both); DATABASE_URL uses another PostgreSQL
//   reset  deletes the local database (it is re-created, migrated and seeded on the next start)
import { rmSync } from "node:fs";
import { join } from "node:path";
import { LOCAL_DIR, startLocalProject } from "./project.ts";

const command = process.argv[2] ?? "start";

if (command === "reset") {
  rmSync(join(LOCAL_DIR, "db"), { recursive: true, force: true });
  console.log("local database deleted; the next start re-creates, migrates and seeds it");
} else if (command === "start") {
  const project = await startLocalProject({
    databaseUrl: process.env.DATABASE_URL,
    log: (line) => console.log(`[stack] ${line}`),
  });
  console.log(`Supabase API ${project.stack.url}\npublishable key ${project.secrets.publishableKey}\nsecret key ${project.secrets.secretKey}`);
  const stop = async () => {
    await project.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
} else {
  console.error(`unknown command "${command}"; use start or reset`);
  process.exit(2);
}
