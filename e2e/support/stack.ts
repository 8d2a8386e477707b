import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the e2e server (scripts/e2e-server.ts) says its throw-away stack runs. */
export interface E2EStack {
  supabaseUrl: string;
  publishableKey: string;
}

const INFO_FILE = join(import.meta.dirname, "..", "..", ".supabase-local", "e2e.json");

export function e2eStack(): E2EStack {
  if (process.env.E2E_SUPABASE_URL && process.env.E2E_SUPABASE_PUBLISHABLE_KEY) {
    return { supabaseUrl: process.env.E2E_SUPABASE_URL, publishableKey: process.env.E2E_SUPABASE_PUBLISHABLE_KEY };
  }
  const info = JSON.parse(readFileSync(INFO_FILE, "utf8")) as Partial<E2EStack>;
  if (!info.supabaseUrl || !info.publishableKey) throw new Error(`${INFO_FILE} lacks supabaseUrl/publishableKey`);
  const url = new URL(info.supabaseUrl);
  // These tests sign in, read mail and may wipe data: never against anything but a stack on this machine.
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) throw new Error(`refusing a non-local stack: ${info.supabaseUrl}`);
  return { supabaseUrl: info.supabaseUrl, publishableKey: info.publishableKey };
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
