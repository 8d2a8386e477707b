import { z } from "zod";
import { resolveCaller } from "../caller.ts";
import type { Claims, StackContext } from "../context.ts";
import { AuthError, badRequest, forbidden, validationFailed, zodMessage } from "./errors.ts";
import { findUserById, isBanned, type UserRow } from "./users.ts";

/** Parses a JSON body with a zod schema: bad JSON → 400 bad_json, wrong shape → 400 validation_failed. */
export async function readBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const text = await request.text();
  let raw: unknown = {};
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw badRequest("bad_json", `Could not parse request body as JSON: ${error instanceof Error ? error.message : "invalid JSON"}`);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationFailed(zodMessage(parsed.error));
  return parsed.data;
}

export interface AuthCaller {
  /** Claims of the bearer (or of the API key when there is no bearer); null when the bearer is not a valid token. */
  claims: Claims | null;
  tokenError: string | null;
  hasBearer: boolean;
}

/** The API gateway's part: a project API key is required; then what the Authorization bearer says. */
export async function authCaller(request: Request, ctx: StackContext): Promise<AuthCaller> {
  const caller = await resolveCaller(request, ctx);
  const hasBearer = /^bearer\s+\S+/i.test(request.headers.get("authorization")?.trim() ?? "");
  if (caller.ok) return { claims: caller.claims, tokenError: null, hasBearer };
  if (caller.reason === "no_api_key" || caller.reason === "invalid_api_key") {
    throw new AuthError(401, caller.reason, caller.message);
  }
  return { claims: null, tokenError: caller.message, hasBearer };
}

export interface SignedInUser {
  user: UserRow;
  claims: Claims;
  sessionId: string | null;
}

const uuidSchema = z.uuid();

/** GoTrue's requireAuthentication: a valid user access token whose user and session still exist. */
export async function requireUser(caller: AuthCaller, ctx: StackContext): Promise<SignedInUser> {
  if (!caller.hasBearer) throw new AuthError(401, "no_authorization", "This endpoint requires a valid Bearer token");
  if (!caller.claims) throw forbidden("bad_jwt", `invalid JWT: unable to parse or verify signature, ${caller.tokenError ?? "invalid token"}`);
  const { claims } = caller;
  if (!claims.sub) throw forbidden("bad_jwt", "invalid claim: missing sub claim");
  if (!uuidSchema.safeParse(claims.sub).success) throw badRequest("bad_jwt", "invalid claim: sub claim must be a UUID");
  const user = await findUserById(ctx.db.auth, claims.sub);
  if (!user) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
  let sessionId: string | null = null;
  if (typeof claims.session_id === "string" && claims.session_id !== "00000000-0000-0000-0000-000000000000") {
    if (!uuidSchema.safeParse(claims.session_id).success) throw forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID");
    const session = await ctx.db.auth.query(`select 1 from auth.sessions where id = $1`, [claims.session_id]);
    if (session.rowCount === 0) throw forbidden("session_not_found", "Session from session_id claim in JWT does not exist");
    sessionId = claims.session_id;
  }
  if (isBanned(user)) throw forbidden("user_banned", "User is banned");
  return { user, claims, sessionId };
}

/** GoTrue's requireAdmin: the bearer (or the secret key) must carry the service_role role. */
export function requireAdmin(caller: AuthCaller): void {
  if (!caller.claims) throw forbidden("bad_jwt", `invalid JWT: unable to parse or verify signature, ${caller.tokenError ?? "invalid token"}`);
  if (caller.claims.role !== "service_role") throw forbidden("not_admin", "User not allowed");
}

export const metadataSchema = z.record(z.string(), z.unknown());
