import "server-only";
import { z } from "zod";

// Read at run time, never inlined at build time: one `next build` serves any stack.
const serverEnvSchema = z.object({
  SUPABASE_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, "")),
  SUPABASE_PUBLISHABLE_KEY: z.string().min(1),
  SUPABASE_SECRET_KEY: z.string().min(1).optional(),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let parsed: ServerEnv | undefined;

/** The server's configuration, parsed once (lazily, so `next build` runs without it). Throws naming what is wrong. */
export function serverEnv(): ServerEnv {
  if (parsed) return parsed;
  const result = serverEnvSchema.safeParse({
    SUPABASE_URL: process.env.SUPABASE_URL,
    SUPABASE_PUBLISHABLE_KEY: process.env.SUPABASE_PUBLISHABLE_KEY,
    SUPABASE_SECRET_KEY: process.env.SUPABASE_SECRET_KEY || undefined,
  });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid server environment (${problems}). Start the app with \`npm run dev\` or set these variables.`);
  }
  parsed = result.data;
  return parsed;
}

/** What the browser client needs; safe to send to the browser. */
export function publicSupabaseConfig(): { url: string; publishableKey: string } {
  const env = serverEnv();
  return { url: env.SUPABASE_URL, publishableKey: env.SUPABASE_PUBLISHABLE_KEY };
}

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

export function isLoopbackUrl(url: string): boolean {
  const { hostname } = new URL(url);
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** The local stack's mailbox page, only when the app talks to a stack on this machine. */
export function localMailboxUrl(): string | null {
  const { SUPABASE_URL } = serverEnv();
  return isLoopbackUrl(SUPABASE_URL) ? `${SUPABASE_URL}/__local/mailbox/html` : null;
}
