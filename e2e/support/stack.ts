import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the e2e server (scripts/e2e-server.ts) says its throw-away stack runs. */
export interface E2EStack {
  supabaseUrl: string;
  publishableKey: string;
}

const INFO_FILE = join(import.meta.dirname, "..", "..", ".supabase-local", "e2e.json");

/** What scripts/e2e-server.ts wrote; the secret key and database URL are for specs that plant data or read rows. */
type E2EInfo = Partial<E2EStack & { secretKey: string; postgresUrl: string }>;

const readInfo = (): E2EInfo => JSON.parse(readFileSync(INFO_FILE, "utf8")) as E2EInfo;

// These tests sign in, read mail and may write garbage: never against anything but a stack on this machine.
function requireLocal(address: string): void {
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(address).hostname)) throw new Error(`refusing a non-local stack: ${address}`);
}

export function e2eStack(): E2EStack {
  if (process.env.E2E_SUPABASE_URL && process.env.E2E_SUPABASE_PUBLISHABLE_KEY) {
    return { supabaseUrl: process.env.E2E_SUPABASE_URL, publishableKey: process.env.E2E_SUPABASE_PUBLISHABLE_KEY };
  }
  const info = readInfo();
  if (!info.supabaseUrl || !info.publishableKey) throw new Error(`${INFO_FILE} lacks supabaseUrl/publishableKey`);
  requireLocal(info.supabaseUrl);
  return { supabaseUrl: info.supabaseUrl, publishableKey: info.publishableKey };
}

/** The e2e stack's secret key and database URL (scripts/e2e-server.ts writes them; local stacks only). */
export function e2eStackSecrets(): { secretKey: string; postgresUrl: string } {
  const info = readInfo();
  if (!info.secretKey || !info.postgresUrl) throw new Error(`${INFO_FILE} lacks secretKey/postgresUrl (started by an older scripts/e2e-server.ts?)`);
  requireLocal(info.postgresUrl);
  return { secretKey: info.secretKey, postgresUrl: info.postgresUrl };
}

interface Mail {
  to: string;
  subject: string;
  link?: string;
  tokenHash?: string;
  type: string;
  sentAt: string;
}

/** The newest mail to `email` sent after `since`, from the local mailbox (polled: delivery is immediate but async). */
export async function waitForMail(email: string, since: Date, timeoutMs = 10_000): Promise<Mail> {
  const { supabaseUrl } = e2eStack();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${supabaseUrl}/__local/mailbox?email=${encodeURIComponent(email)}`);
    if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
    const mails = (await response.json()) as Mail[];
    const fresh = mails.find((mail) => new Date(mail.sentAt) >= since);
    if (fresh) return fresh;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${email} within ${timeoutMs} ms`);
}
