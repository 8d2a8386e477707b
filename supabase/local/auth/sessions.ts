import { randomBytes, randomUUID } from "node:crypto";
import type pg from "pg";
import type { StackContext } from "../context.ts";
import { AuthError, badRequest } from "./errors.ts";
import { findUserById, isBanned, userJson, type JsonObject, type Queryable, type UserRow } from "./users.ts";

/** Authentication methods as GoTrue records them in the `amr` claim. */
export type AuthMethod = "password" | "otp" | "magiclink" | "email/signup" | "recovery" | "invite" | "email_change";

export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const result = await work(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const newRefreshToken = () => randomBytes(24).toString("base64url");

interface AmrRow {
  authentication_method: string;
  created_at: Date;
}

async function amrOf(db: Queryable, sessionId: string) {
  const result = await db.query<AmrRow>(
    `select authentication_method, created_at from auth.mfa_amr_claims where session_id = $1 order by created_at desc`,
    [sessionId],
  );
  return result.rows.map((row) => ({ method: row.authentication_method, timestamp: Math.floor(row.created_at.getTime() / 1000) }));
}

/** The session JSON of GoTrue (AccessTokenResponse): a fresh access token with the §1.5 claims, the given refresh token. */
async function sessionResponse(db: Queryable, ctx: StackContext, user: UserRow, sessionId: string, refreshToken: string): Promise<JsonObject> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + ctx.config.jwtExpirySeconds;
  const accessToken = await ctx.keys.signAccessToken({
    aud: "authenticated",
    exp,
    iat,
    sub: user.id,
    email: user.email ?? "",
    phone: user.phone ?? "",
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role || "authenticated",
    aal: "aal1",
    amr: await amrOf(db, sessionId),
    session_id: sessionId,
    is_anonymous: user.is_anonymous,
  });
  return {
    access_token: accessToken,
    token_type: "bearer",
    expires_in: ctx.config.jwtExpirySeconds,
    expires_at: exp,
    refresh_token: refreshToken,
    user: await userJson(db, user),
  };
}

/** Starts a session (GoTrue's IssueRefreshToken): session row, amr claim, first refresh token, last_sign_in_at. */
export async function issueSession(db: Queryable, ctx: StackContext, userId: string, method: AuthMethod): Promise<JsonObject> {
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken();
  await db.query(
    `insert into auth.sessions (id, user_id, created_at, updated_at, aal, refreshed_at) values ($1, $2, now(), now(), 'aal1', null)`,
    [sessionId, userId],
  );
  await db.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method) values ($1, $2, now(), now(), $3)`,
    [randomUUID(), sessionId, method],
  );
  await db.query(
    `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), null, $3)`,
    [refreshToken, userId, sessionId],
  );
  await db.query(`update auth.users set last_sign_in_at = now() where id = $1`, [userId]);
  await db.query(`update auth.identities set last_sign_in_at = now() where user_id = $1 and provider = 'email'`, [userId]);
  const user = await findUserById(db, userId);
  if (!user) throw new AuthError(404, "user_not_found", "User not found");
  return sessionResponse(db, ctx, user, sessionId, refreshToken);
}

interface RefreshRow {
  id: string;
  token: string;
  revoked: boolean;
  session_id: string | null;
  user_id: string;
  within_reuse_interval: boolean;
}

/**
 * grant_type=refresh_token with rotation. The token row and then its session are locked, so concurrent refreshes of one
 * session run one after the other. A token rotated less than 10 s ago answers the session's current token (a client
 * that lost the response, or parallel SSR requests); an older revoked token is reuse: the session is revoked.
 */
export async function refreshSession(ctx: StackContext, token: string): Promise<JsonObject> {
  type Outcome = { ok: false; error: AuthError } | { ok: true; session: JsonObject };
  const outcome = await transaction(ctx.db.auth, async (client): Promise<Outcome> => {
    const found = await client.query<RefreshRow>(
      `select id, token, revoked, session_id, user_id,
              clock_timestamp() - updated_at < make_interval(secs => $2) as within_reuse_interval
         from auth.refresh_tokens where token = $1 for update`,
      [token, ctx.config.auth.refreshTokenReuseSeconds], // config.toml refresh_token_reuse_interval
    );
    const row = found.rows[0];
    if (!row) return { ok: false, error: badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found") };
    const session = row.session_id
      ? await client.query(`select id from auth.sessions where id = $1 for update`, [row.session_id])
      : null;
    if (!row.session_id || !session || session.rowCount === 0) {
      return { ok: false, error: badRequest("session_not_found", "Invalid Refresh Token: No Valid Session Found") };
    }
    const user = await findUserById(client, row.user_id);
    if (!user) return { ok: false, error: badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found") };
    if (isBanned(user)) return { ok: false, error: badRequest("user_banned", "Invalid Refresh Token: User Banned") };

    let issued: string;
    if (row.revoked) {
      const active = await client.query<{ token: string }>(
        `select token from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1`,
        [row.session_id],
      );
      if (!row.within_reuse_interval || !active.rows[0]) {
        // Reuse detection: whoever holds this old token may have stolen it; end the whole session.
        await client.query(`delete from auth.sessions where id = $1`, [row.session_id]);
        return { ok: false, error: badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used") };
      }
      issued = active.rows[0].token;
    } else {
      issued = newRefreshToken();
      await client.query(`update auth.refresh_tokens set revoked = true, updated_at = clock_timestamp() where id = $1`, [row.id]);
      await client.query(
        `insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
         values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
        [issued, row.user_id, row.token, row.session_id],
      );
    }
    await client.query(`update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1`, [row.session_id]);
    return { ok: true, session: await sessionResponse(client, ctx, user, row.session_id, issued) };
  });
  if (!outcome.ok) throw outcome.error;
  return outcome.session;
}
