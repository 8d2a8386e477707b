import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import * as jose from "jose";
import { z } from "zod";
import type { Claims } from "./context.ts";

const ACCESS_TOKEN_ALG = "ES256";
const LEGACY_KEY_ALG = "HS256";
const TEN_YEARS_SECONDS = 10 * 365 * 24 * 3600;
/** Verified tokens remembered per stack (oldest forgotten first). */
const VERIFIED_CACHE_SIZE = 10_000;

const secretsSchema = z.object({
  signingKey: z.object({ kid: z.string(), privateJwk: z.record(z.string(), z.unknown()) }),
  legacyJwtSecret: z.string().min(32),
  publishableKey: z.string().startsWith("sb_publishable_"),
  secretKey: z.string().startsWith("sb_secret_"),
  databasePassword: z.string().min(16),
});
export type StackSecrets = z.infer<typeof secretsSchema>;

export type ApiKeyRole = "anon" | "service_role";

export interface StackKeys {
  publishableKey: string;
  secretKey: string;
  /** Legacy JWT API keys (HS256, signed with the legacy JWT secret), as old Supabase projects have them. */
  anonKey: string;
  serviceRoleKey: string;
  jwks: { keys: jose.JWK[] };
  /** Signs an access token with the asymmetric (ES256) key; `kid` is set so clients verify it locally. */
  signAccessToken(claims: Claims): Promise<string>;
  /** Verifies an access token or a legacy API key (ES256 or HS256), including `exp`. Throws TokenError. */
  verifyJwt(token: string): Promise<Claims>;
  /** The role of a new-format key (`sb_publishable_…` → anon, `sb_secret_…` → service_role), or null. */
  apiKeyRole(key: string): ApiKeyRole | null;
}

export class TokenError extends Error {
  readonly reason: "malformed" | "expired" | "invalid";
  constructor(message: string, reason: "malformed" | "expired" | "invalid") {
    super(message);
    this.reason = reason;
  }
}

function randomKeyPart(bytes: number): string {
  return randomBytes(bytes).toString("base64url").replace(/[-_]/g, "").slice(0, bytes);
}

export async function generateSecrets(): Promise<StackSecrets> {
  const { privateKey } = await jose.generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
  const privateJwk = await jose.exportJWK(privateKey);
  return {
    signingKey: { kid: randomUUID(), privateJwk: { ...privateJwk } },
    legacyJwtSecret: randomBytes(40).toString("base64url"),
    publishableKey: `sb_publishable_${randomKeyPart(32)}`,
    secretKey: `sb_secret_${randomKeyPart(32)}`,
    databasePassword: randomBytes(18).toString("base64url"),
  };
}

/** Reads the secrets file, creating it on first use. Kept out of git (`.supabase-local/`). */
export async function loadOrCreateSecrets(file: string): Promise<StackSecrets> {
  if (existsSync(file)) {
    return secretsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  }
  const secrets = await generateSecrets();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  return secrets;
}

const claimsSchema = z.looseObject({ role: z.string().min(1) });

export async function createStackKeys(secrets: StackSecrets, issuer: string): Promise<StackKeys> {
  const { kid } = secrets.signingKey;
  const privateKey = await jose.importJWK({ ...secrets.signingKey.privateJwk, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG);
  const { d: _privatePart, ...publicJwk } = secrets.signingKey.privateJwk;
  const publicKey = await jose.importJWK({ ...publicJwk, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG);
  const legacySecret = new TextEncoder().encode(secrets.legacyJwtSecret);
  const verified = new Map<string, Claims>();

  const legacyKey = (role: ApiKeyRole) =>
    new jose.SignJWT({ iss: "supabase", ref: "local", role })
      .setProtectedHeader({ alg: LEGACY_KEY_ALG, typ: "JWT" })
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + TEN_YEARS_SECONDS)
      .sign(legacySecret);
  // The legacy keys are re-signed at each start (their iat changes); every key signed with the secret stays valid.
  const anonKey = await legacyKey("anon");
  const serviceRoleKey = await legacyKey("service_role");

  return {
    publishableKey: secrets.publishableKey,
    secretKey: secrets.secretKey,
    anonKey,
    serviceRoleKey,
    jwks: { keys: [{ ...publicJwk, kid, alg: ACCESS_TOKEN_ALG, use: "sig", key_ops: ["verify"] } as jose.JWK] },
    async signAccessToken(claims) {
      return new jose.SignJWT({ ...claims })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid, typ: "JWT" })
        .setIssuer(issuer)
        .sign(privateKey);
    },
    async verifyJwt(token) {
      // A token whose signature verified once is the same token next time: only its expiry can change the answer.
      // The cache saves the signature check (about a third of a millisecond of CPU) on every request of a session.
      const known = verified.get(token);
      if (known) {
        if (typeof known.exp === "number" && known.exp * 1000 <= Date.now()) {
          verified.delete(token);
          throw new TokenError("JWT expired", "expired");
        }
        return { ...known };
      }
      const claims = await verifySignature(token);
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value ?? "");
      verified.set(token, claims);
      return { ...claims };
    },
    apiKeyRole(key) {
      if (key === secrets.publishableKey) return "anon";
      if (key === secrets.secretKey) return "service_role";
      return null;
    },
  };

  async function verifySignature(token: string): Promise<Claims> {
    let header: jose.ProtectedHeaderParameters;
    try {
      header = jose.decodeProtectedHeader(token);
    } catch {
      throw new TokenError("invalid JWT: unable to parse or verify signature, token is malformed", "malformed");
    }
    try {
      const { payload } =
        header.alg === LEGACY_KEY_ALG
          ? await jose.jwtVerify(token, legacySecret, { algorithms: [LEGACY_KEY_ALG] })
          : await jose.jwtVerify(token, publicKey, { algorithms: [ACCESS_TOKEN_ALG] });
      const parsed = claimsSchema.safeParse(payload);
      if (!parsed.success) throw new TokenError("invalid JWT: the token has no role claim", "invalid");
      return parsed.data as Claims;
    } catch (error) {
      if (error instanceof TokenError) throw error;
      if (error instanceof jose.errors.JWTExpired) throw new TokenError("JWT expired", "expired");
      throw new TokenError("invalid JWT: unable to parse or verify signature", "invalid");
    }
  }
}

/** Stable fingerprint, e.g. to name a template database after the migrations it holds. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
