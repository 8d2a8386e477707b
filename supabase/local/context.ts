import type pg from "pg";
import type { Mailbox } from "./mailbox.ts";
import type { StackKeys } from "./keys.ts";
import type { AuthLimiters } from "./auth/rate-limit.ts";
import type { AuthSettings } from "./auth/settings.ts";

/** Claims carried by every token the stack accepts (access tokens and legacy API keys). */
export interface Claims {
  role: string;
  sub?: string;
  exp?: number;
  iat?: number;
  session_id?: string;
  email?: string;
  [claim: string]: unknown;
}

export interface StackConfig {
  /** Public base URL of the stack, e.g. http://127.0.0.1:54321 (no trailing slash). */
  apiUrl: string;
  /** The app's URL: default target of magic-link and OTP redirects. */
  siteUrl: string;
  /** Lifetime of access tokens, seconds (GoTrue default 3600). */
  jwtExpirySeconds: number;
  /** config.toml's [auth] settings (with the stack's explicit overrides). */
  auth: AuthSettings;
  /** Superuser (supabase_admin) URL of the served database: Realtime opens its own LISTEN connection with it. */
  databaseUrl?: string;
  realtime?: RealtimeSettings;
}

/** Realtime limits; defaults in realtime/index.ts. Tests shorten them. */
export interface RealtimeSettings {
  /** A socket silent for longer is closed (clients send a heartbeat every 25 s). Default 60,000. */
  heartbeatTimeoutMs?: number;
  /** Largest WebSocket message accepted; a bigger one closes the socket with code 1009. Default 4 MiB. */
  maxFrameBytes?: number;
  /** Largest broadcast or presence payload; a bigger one is refused with an error reply. Default 3,000,000. */
  maxPayloadBytes?: number;
  /** A socket with more unsent bytes than this (slow or dead reader) is dropped. Default 16 MiB. */
  maxSendBufferBytes?: number;
}

export interface StackPools {
  /** Logs in as `authenticator` and switches role per request, like PostgREST. */
  authenticator: pg.Pool;
  /** Logs in as `supabase_auth_admin`, owner of the `auth` schema, like GoTrue. */
  auth: pg.Pool;
  /** Superuser `supabase_admin`: Realtime authorization probes and maintenance only. */
  admin: pg.Pool;
}

export interface StackContext {
  config: StackConfig;
  keys: StackKeys;
  db: StackPools;
  mailbox: Mailbox;
  /** The auth server's rate limiters (per-IP buckets, hourly mail budget), alive as long as the stack. */
  authLimiters: AuthLimiters;
}

/** A handler for one service mounted under its prefix (/auth/v1, /rest/v1 ...). `path` excludes the prefix. */
export type ServiceHandler = (request: Request, path: string, ctx: StackContext) => Promise<Response>;
