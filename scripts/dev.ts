// `npm run dev`: the local Supabase stack, the seeded demo, and `next dev`; prints where everything is.
import { demoLoginLines } from "./demo.ts";
import { startEnvironment, stopOnSignals } from "./environment.ts";

const startedAt = performance.now();
const appPort = Number(process.env.PORT ?? 3000);
// Overrides (the cold-start benchmark uses them to run beside a dev server): where the local database and secrets live
// (default .supabase-local/) and the stack's ports (default 54321 for the API, 54322 for PostgreSQL).
const envPort = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

try {
  const environment = await startEnvironment({
    appPort,
    nextMode: "dev",
    readyPath: "/admin/sign-in",
    databaseUrl: process.env.DATABASE_URL,
    stateDir: process.env.SUPABASE_LOCAL_DIR,
    apiPort: envPort("SUPABASE_API_PORT"),
    dbPort: envPort("SUPABASE_DB_PORT"),
    log: (line) => console.log(`[stack] ${line}`),
  });
  stopOnSignals(environment);
  const { stack, secrets, postgresUrl } = environment.project;
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`
  Ready in ${seconds} s. Ctrl-C stops everything.

  App              ${environment.appUrl}
  Back-office      ${environment.appUrl}/admin/sign-in
  Supabase API     ${stack.url}   (auth /auth/v1, REST /rest/v1, Realtime /realtime/v1)
  Local mailbox    ${stack.url}/__local/mailbox/html
  Database         ${postgresUrl.replace(/:[^:@/]+@/, ":<password>@")}   (password: .supabase-local/secrets.json)

  Publishable key  ${secrets.publishableKey}
  Secret key       ${secrets.secretKey}
  Legacy anon key  ${stack.keys.anonKey}

${demoLoginLines(environment.appUrl)
  .map((line) => `  ${line}`)
  .join("\n")}
`);
} catch (error) {
  console.error(`npm run dev failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
