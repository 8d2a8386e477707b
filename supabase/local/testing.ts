import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cloneDatabase, dropDatabase, ensureTemplate, resetLoginPasswords, roleUrls } from "./database.ts";
import type { Claims } from "./context.ts";
import { generateSecrets, type StackKeys } from "./keys.ts";
import { startCluster, type RunningCluster } from "./postgres.ts";
import { startStack, type RunningStack, type StackOptions } from "./server.ts";
import { mergeOverrides, ONE_TEST_MACHINE } from "./auth/settings.ts";

/** What the test cluster hands to every test file (through Vitest's provide/inject). */
export interface TestCluster {
  superuserUrl: string;
  password: string;
  /** Bootstrapped and migrated: the app's schema. */
  template: string;
  /** Bootstrapped only: for the stack's own conformance tests, which create their own tables. */
  bareTemplate: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away cluster for a test run: embedded PostgreSQL in a temporary folder (or the server of `DATABASE_URL`),
 * with the migrated template built once.
 */
export async function startTestCluster(): Promise<{ cluster: TestCluster; stop(): Promise<void> }> {
  const external = process.env.DATABASE_URL;
  const password = process.env.STACK_DB_PASSWORD ?? randomBytes(12).toString("base64url");
  let running: RunningCluster | null = null;
  let dataRoot: string | null = null;
  let superuserUrl: string;
  if (external) {
    superuserUrl = external;
    await resetLoginPasswords(superuserUrl, password); // roles outlive earlier runs on that server
  } else {
    dataRoot = mkdtempSync(join(tmpdir(), "stack-test-"));
    chmodSync(dataRoot, 0o755); // PostgreSQL runs as the postgres OS user when we are root
    running = await startCluster({
      dataDir: join(dataRoot, "data"),
      port: await freePort(),
      password,
      settings: { fsync: "off", synchronous_commit: "off", full_page_writes: "off" },
    });
    superuserUrl = running.url();
  }
  const template = await ensureTemplate(superuserUrl, password);
  const bareTemplate = await ensureTemplate(superuserUrl, password, { bare: true });
  return {
    cluster: { superuserUrl, password, template, bareTemplate },
    async stop() {
      await running?.stop();
      if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}

export interface TestStack extends RunningStack {
  databaseUrl: string;
  /** Login URLs of postgres, authenticator … for direct SQL in tests. */
  roles: ReturnType<typeof roleUrls>;
}

/**
 * An isolated database cloned from the app template (or the bare one: Supabase's objects without the app's
 * migrations), and a stack serving it on a free port. Auth runs with supabase/config.toml's settings, except the
 * per-IP budgets, sized for one machine playing every user (ONE_TEST_MACHINE); `auth` overrides more, explicitly.
 */
export async function createTestStack(
  cluster: TestCluster,
  { bare = false, auth, ...options }: Partial<Omit<StackOptions, "databaseUrl" | "secrets">> & { bare?: boolean } = {},
): Promise<TestStack> {
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const databaseUrl = await cloneDatabase(cluster.superuserUrl, bare ? cluster.bareTemplate : cluster.template, name);
  const secrets = { ...(await generateSecrets()), databasePassword: cluster.password };
  const stack = await startStack({ databaseUrl, secrets, port: 0, ...options, auth: mergeOverrides(ONE_TEST_MACHINE, auth) });
  return {
    ...stack,
    databaseUrl,
    roles: roleUrls(databaseUrl, cluster.password),
    async stop() {
      await stack.stop();
      await dropDatabase(cluster.superuserUrl, name);
    },
  };
}

/**
 * An access token with the claims the auth server issues, for a user of auth.users: tests and benchmarks sign users in
 * without an auth round trip. By default the session signed in with an email code (`amr` otp), as participants do on
 * the event site; participant rights need such an email-proven session. `claims` adds or overrides (email, exp, amr:
 * `[{ method: "password", timestamp }]` for a password session …).
 */
export function userAccessToken(keys: StackKeys, sub: string, claims: Partial<Claims> = {}): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return keys.signAccessToken({
    sub,
    role: "authenticated",
    aud: "authenticated",
    iat,
    exp: iat + 3600,
    session_id: randomUUID(),
    amr: [{ method: "otp", timestamp: iat }],
    ...claims,
  });
}
