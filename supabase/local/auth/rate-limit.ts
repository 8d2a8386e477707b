import { isIP } from "node:net";
import type { StackContext } from "../context.ts";
import { clientAddressOf } from "../http.ts";
import { AuthError } from "./errors.ts";
import type { AuthSettings } from "./settings.ts";

/** GoTrue's tollbooth buckets: capacity 30 whatever the rate; an idle key is forgotten (bucket full again) after 1 h. */
const BUCKET_CAPACITY = 30;
const BUCKET_TTL_MS = 60 * 60 * 1000;
const FIVE_MINUTES = 5 * 60;

/** One token bucket per key (client IP), refilled at `perFiveMinutes / 300` tokens a second. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perSecond: number;
  private lastSweep = Date.now();

  constructor(perFiveMinutes: number) {
    this.perSecond = perFiveMinutes / FIVE_MINUTES;
  }

  take(key: string, now = Date.now()): boolean {
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: BUCKET_CAPACITY, at: now };
    bucket.tokens = Math.min(BUCKET_CAPACITY, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private sweep(now: number) {
    if (now - this.lastSweep < BUCKET_TTL_MS) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at > BUCKET_TTL_MS) this.buckets.delete(key);
  }
}

/** GoTrue's IntervalLimiter for RATE_LIMIT_EMAIL_SENT: `events` per hour for the whole project, counted per window. */
export class HourlyBudget {
  private windowStart = Date.now();
  private used = 0;
  private readonly events: number;

  constructor(events: number) {
    this.events = events;
  }

  allow(now = Date.now()): boolean {
    const windows = Math.floor((now - this.windowStart) / 3_600_000);
    if (windows > 0) {
      this.windowStart += windows * 3_600_000;
      this.used = 0;
    }
    if (this.used >= this.events) return false;
    this.used += 1;
    return true;
  }
}

export interface AuthLimiters {
  signInSignUps: TokenBuckets;
  token: TokenBuckets;
  verify: TokenBuckets;
  email: HourlyBudget;
}

export function createLimiters(settings: AuthSettings): AuthLimiters {
  return {
    signInSignUps: new TokenBuckets(settings.rateLimits.signInSignUps),
    token: new TokenBuckets(settings.rateLimits.tokenRefresh),
    verify: new TokenBuckets(settings.rateLimits.tokenVerifications),
    email: new HourlyBudget(settings.rateLimits.emailSent),
  };
}

/**
 * The IP a request is limited by: the socket's peer. Like hosted Supabase's IP forwarding, `Sb-Forwarded-For` is
 * honoured only on requests carrying the project's secret key (a server acting for its user); `X-Forwarded-For` never,
 * since any client can write it and no trusted proxy stands in front of this server.
 */
export function clientIp(request: Request, ctx: StackContext): string {
  const forwarded = request.headers.get("sb-forwarded-for");
  if (forwarded && request.headers.get("apikey") === ctx.keys.secretKey) {
    const first = forwarded.split(",")[0]?.trim() ?? "";
    if (isIP(first)) return first;
  }
  return clientAddressOf(request) ?? "unknown";
}

/** 429 over_request_rate_limit when the caller's bucket is empty (GoTrue's limitHandler). */
export function limitRequest(buckets: TokenBuckets, request: Request, ctx: StackContext): void {
  if (!buckets.take(clientIp(request, ctx))) {
    throw new AuthError(429, "over_request_rate_limit", "Request rate limit reached");
  }
}

/** GoTrue's validateSentWithinFrequencyLimit: one mail of a kind per address per max_frequency. */
export function checkSendFrequency(sentAt: Date | null, settings: AuthSettings): void {
  if (!sentAt || settings.maxFrequencySeconds <= 0) return;
  const leftMs = sentAt.getTime() + settings.maxFrequencySeconds * 1000 - Date.now();
  if (leftMs > 0) {
    throw new AuthError(
      429,
      "over_email_send_rate_limit",
      `For security purposes, you can only request this after ${Math.floor(leftMs / 1000)} seconds.`,
    );
  }
}
