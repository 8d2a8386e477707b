import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { z } from "zod";

/** supabase/config.toml, the file `supabase start` and `supabase config push` read: the local stack reads it too. */
export const CONFIG_TOML = join(import.meta.dirname, "..", "..", "config.toml");

/** `[auth.rate_limit]`: per-IP token buckets (capacity 30) refilled at these rates, and the project-wide mail budget. */
export interface AuthRateLimits {
  /** Mails per hour for the whole project (GoTrue RATE_LIMIT_EMAIL_SENT; only applied with confirmations on, as GoTrue does). */
  emailSent: number;
  /** /signup, /otp, /magiclink, /recover, /resend, PUT /user: requests per 5 minutes per IP (GoTrue RATE_LIMIT_OTP). */
  signInSignUps: number;
  /** /token (password, refresh_token, pkce): requests per 5 minutes per IP (GoTrue RATE_LIMIT_TOKEN_REFRESH). */
  tokenRefresh: number;
  /** /verify (codes and links): requests per 5 minutes per IP (GoTrue RATE_LIMIT_VERIFY). */
  tokenVerifications: number;
}

/** The `[auth]` settings of config.toml the local auth server honours, as GoTrue reads them from the CLI's env. */
export interface AuthSettings {
  siteUrl: string;
  /** Redirect targets besides the site URL's host; `*` and `**` globs like GoTrue's URI allow list. */
  additionalRedirectUrls: string[];
  jwtExpirySeconds: number;
  refreshTokenReuseSeconds: number;
  /** `[auth] enable_signup` (GoTrue DISABLE_SIGNUP, negated): off, /signup and first sign-ins by code are refused. */
  enableSignup: boolean;
  /** `[auth.email] enable_signup` (GoTrue EXTERNAL_EMAIL_ENABLED): off, every email sign-in and sign-up is refused. */
  emailEnabled: boolean;
  /** `[auth.email] enable_confirmations` (GoTrue MAILER_AUTOCONFIRM, negated): a new address must be verified. */
  enableConfirmations: boolean;
  /** `[auth.email] double_confirm_changes` (GoTrue MAILER_SECURE_EMAIL_CHANGE_ENABLED): both addresses confirm. */
  doubleConfirmChanges: boolean;
  otpLength: number;
  otpExpirySeconds: number;
  /** `[auth.email] max_frequency`: least time between two mails of one kind to one address. */
  maxFrequencySeconds: number;
  rateLimits: AuthRateLimits;
}

/** What a stack may override, field by field (rate limits too): tests that check another setting say so explicitly. */
export type AuthOverrides = Partial<Omit<AuthSettings, "rateLimits">> & { rateLimits?: Partial<AuthRateLimits> };

/**
 * Per-IP budgets for a stack whose every client is this one machine: the test suites, the e2e app server and the
 * benches play hundreds of users from 127.0.0.1, where production sees one IP per person (or forwards it, see the
 * README). Only the per-IP buckets change; sign-up, confirmations, secure email change, OTP expiry, max_frequency and
 * the hourly mail budget stay config.toml's.
 */
export const ONE_TEST_MACHINE: AuthOverrides = {
  rateLimits: { signInSignUps: 1_000_000, tokenRefresh: 1_000_000, tokenVerifications: 1_000_000 },
};

/** Go durations as the CLI writes them ("1m0s", "60s", "1s", "1h"). */
export function parseGoDuration(value: string): number {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  let rest = trimmed;
  while (rest) {
    const match = /^(\d+(?:\.\d+)?)(ms|h|m|s)/.exec(rest);
    if (!match) throw new Error(`config.toml: "${value}" is not a duration like "60s" or "1m0s"`);
    total += Number(match[1]) * (units[match[2]] ?? 0);
    rest = rest.slice(match[0].length);
  }
  return total;
}

const count = z.number().int().nonnegative();
// Defaults are the Supabase CLI's for a key left out of config.toml.
const configSchema = z.object({
  auth: z
    .object({
      site_url: z.string().default("http://127.0.0.1:3000"),
      additional_redirect_urls: z.array(z.string()).default([]),
      jwt_expiry: count.default(3600),
      refresh_token_reuse_interval: count.default(10),
      enable_signup: z.boolean().default(true),
      email: z
        .object({
          enable_signup: z.boolean().default(true),
          enable_confirmations: z.boolean().default(false),
          double_confirm_changes: z.boolean().default(true),
          otp_length: z.number().int().min(6).max(10).default(6),
          otp_expiry: count.max(86400).default(3600),
          max_frequency: z.string().default("1s"),
        })
        .prefault({}),
      rate_limit: z
        .object({
          email_sent: count.default(2),
          sign_in_sign_ups: count.default(30),
          token_refresh: count.default(150),
          token_verifications: count.default(30),
        })
        .prefault({}),
    })
    .prefault({}),
});

/** Reads config.toml's auth settings (defaults of the Supabase CLI for keys it leaves out). */
export function loadAuthSettings(path = CONFIG_TOML): AuthSettings {
  const parsed = configSchema.safeParse(parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const { auth } = parsed.data;
  return {
    siteUrl: auth.site_url,
    additionalRedirectUrls: auth.additional_redirect_urls,
    jwtExpirySeconds: auth.jwt_expiry,
    refreshTokenReuseSeconds: auth.refresh_token_reuse_interval,
    enableSignup: auth.enable_signup,
    emailEnabled: auth.email.enable_signup,
    enableConfirmations: auth.email.enable_confirmations,
    doubleConfirmChanges: auth.email.double_confirm_changes,
    otpLength: auth.email.otp_length,
    otpExpirySeconds: auth.email.otp_expiry,
    maxFrequencySeconds: parseGoDuration(auth.email.max_frequency),
    rateLimits: {
      emailSent: auth.rate_limit.email_sent,
      signInSignUps: auth.rate_limit.sign_in_sign_ups,
      tokenRefresh: auth.rate_limit.token_refresh,
      tokenVerifications: auth.rate_limit.token_verifications,
    },
  };
}

export function withOverrides(settings: AuthSettings, overrides: AuthOverrides = {}): AuthSettings {
  const { rateLimits, ...rest } = overrides;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return { ...settings, ...defined, rateLimits: { ...settings.rateLimits, ...rateLimits } };
}

/** Two override sets, the second winning (rate limits merged key by key). */
export function mergeOverrides(first: AuthOverrides, second: AuthOverrides = {}): AuthOverrides {
  return { ...first, ...second, rateLimits: { ...first.rateLimits, ...second.rateLimits } };
}
