// `npm run dev`: the local Supabase stack, the seeded demo, and `next dev`; prints where everything is.
import { resolve } from "node:path";
import { LOCAL_DIR, PROJECT_ROOT } from "../supabase/local/project.ts";
import { devBanner } from "./dev-banner.ts";
import { startEnvironment, stopOnSignals } from "./environment.ts";

const startedAt = performance.now();
const appPort = Number(process.env.PORT ?? 3000);
// Overrides (the cold-start benchmark uses them to run beside a dev server): where the local database and secrets live
// (default .supabase-local/) and the stack's ports (default 54321 for the API, 54322 for PostgreSQL).
const envPort = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
// Resolved once, so the stack and the banner name the same folder.
const stateDir = process.env.SUPABASE_LOCAL_DIR ? resolve(process.env.SUPABASE_LOCAL_DIR) : LOCAL_DIR;

try {
  const environment = await startEnvironment({
    appPort,
    nextMode: "dev",
    readyPath: "/admin/sign-in",
    databaseUrl: process.env.DATABASE_URL,
    stateDir,
    apiPort: envPort("SUPABASE_API_PORT"),
    dbPort: envPort("SUPABASE_DB_PORT"),
    log: (line) => console.log(`[stack] ${line}`),
  });
  stopOnSignals(environment);
  const { stack, secrets, postgresUrl } = environment.project;
  console.log(
    devBanner({
      seconds: ((performance.now() - startedAt) / 1000).toFixed(1),
      appUrl: environment.appUrl,
      stackUrl: stack.url,
      postgresUrl,
      stateDir,
      publishableKey: secrets.publishableKey,
      secretKey: secrets.secretKey,
      anonKey: stack.keys.anonKey,
      cwd: PROJECT_ROOT,
    }),
  );
} catch (error) {
  console.error(`npm run dev failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
