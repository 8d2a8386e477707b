import { createHash, randomInt, randomUUID } from "node:crypto";
import { isIP } from "node:net";
import type { StackContext } from "../context.ts";
import { AuthError, badRequest, forbidden, validationFailed } from "./errors.ts";
import { checkSendFrequency } from "./rate-limit.ts";
import { issueSession, type AuthMethod } from "./sessions.ts";
import { confirmEmail, findUserByEmail, findUserById, type JsonObject, type Queryable, type UserRow } from "./users.ts";

/** GoTrue's flow_state expiry for PKCE auth codes. */
const FLOW_STATE_EXPIRY_SECONDS = 300;
export const PKCE_PREFIX = "pkce_";

export type TokenType = "confirmation_token" | "recovery_token" | "email_change_token_current" | "email_change_token_new";
export type EmailVerifyType = "email" | "magiclink" | "signup" | "recovery" | "invite";

/** A code of config.toml's `otp_length` digits. */
export const generateOtp = (length: number) => String(randomInt(0, 10 ** length)).padStart(length, "0");
/** GoTrue's crypto.GenerateTokenHash: sha224 hex of email||code, so the code and the link resolve to the same row. */
export const tokenHashOf = (email: string, otp: string) => createHash("sha224").update(email + otp).digest("hex");

export interface Pkce {
  challenge: string;
  method: "s256" | "plain";
}

/** GoTrue's validatePKCEParams: both or neither, 43–128 characters of the unreserved set. */
export function pkceOf(challenge: string | null | undefined, method: string | null | undefined): Pkce | null {
  if (!challenge && !method) return null;
  if (!challenge || !method) throw validationFailed("PKCE flow requires code_challenge_method and code_challenge");
  if (challenge.length < 43 || challenge.length > 128) throw validationFailed("code challenge has to be between 43 and 128 characters");
  if (!/^[a-zA-Z._~0-9-]+$/.test(challenge)) {
    throw validationFailed("code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes");
  }
  const lower = method.toLowerCase();
  if (lower !== "s256" && lower !== "plain") throw validationFailed(`code challenge method ${method} is not supported`);
  return { challenge, method: lower };
}

/** A URI allow-list glob of config.toml (`**` any characters, `*` any but the separators `.` and `/`), like GoTrue's. */
function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split("**")
    .map((part) => part.split("*").map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^./]*"))
    .join(".*");
  return new RegExp(`^${source}$`).test(value);
}

const isLocalhost = (hostname: string) =>
  ["localhost", "127.0.0.1", "[::1]", "0.0.0.0", "[::]"].includes(hostname) || hostname.endsWith(".localhost");

/** A loopback IP literal (GoTrue lets any through, whatever the port: RFC 8252 native apps). */
function isLoopbackIp(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1";
  return false;
}

/**
 * Where a link may send the browser (GoTrue's IsRedirectURLValid): the site URL's scheme, host and port (any port on
 * localhost), a loopback IP, or a URL matching `additional_redirect_urls`; anything else falls back to the site URL.
 */
export function safeRedirect(ctx: StackContext, requested: string | null | undefined): string {
  const site = ctx.config.siteUrl;
  if (!requested) return site;
  try {
    const url = new URL(requested);
    const base = new URL(site);
    if (url.hostname === base.hostname && url.protocol === base.protocol && (url.port === base.port || isLocalhost(url.hostname))) {
      return url.toString();
    }
    // WHATWG URLs rewrite hosts like 2130706433 or 0x7f.1 to 127.0.0.1; Go's parser (GoTrue) does not and refuses
    // such forms, so a host spelled differently from its parsed form is refused here.
    const rawHost = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(requested)?.[1]?.toLowerCase();
    if (rawHost !== url.hostname) return site;
    if (isIP(url.hostname.replace(/^\[|\]$/g, ""))) return isLoopbackIp(url.hostname) ? url.toString() : site;
    const withoutFragment = requested.split("#")[0] ?? "";
    if (ctx.config.auth.additionalRedirectUrls.some((pattern) => globMatches(pattern, withoutFragment))) return url.toString();
  } catch {
    // not a URL: fall back
  }
  return site;
}

export function verifyLink(ctx: StackContext, tokenHash: string, type: string, redirectTo: string): string {
  const query = new URLSearchParams({ token: tokenHash, type, redirect_to: redirectTo });
  return `${ctx.config.apiUrl}/auth/v1/verify?${query}`;
}

export interface IssuedToken {
  otp: string;
  /** What goes in links and `token_hash`: the sha224 hash, prefixed with `pkce_` for a PKCE flow like GoTrue. */
  tokenHash: string;
}

/**
 * Creates (or replaces) the user's confirmation or recovery token and stamps the matching *_sent_at column. A mail of
 * that kind sent to the address less than max_frequency ago answers 429 (GoTrue checks the same column); admin links
 * and invites skip the check (`checkFrequency: false`), as GoTrue's generate_link and invite do.
 */
export async function issueOneTimeToken(
  db: Queryable,
  ctx: StackContext,
  user: UserRow,
  type: "confirmation_token" | "recovery_token",
  pkce: boolean,
  checkFrequency = true,
): Promise<IssuedToken> {
  if (checkFrequency) checkSendFrequency(type === "confirmation_token" ? user.confirmation_sent_at : user.recovery_sent_at, ctx.config.auth);
  const email = user.email ?? "";
  const otp = generateOtp(ctx.config.auth.otpLength);
  const tokenHash = (pkce ? PKCE_PREFIX : "") + tokenHashOf(email, otp);
  await db.query(
    `insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values ($1, $2, $3, $4, now(), now())
     on conflict (user_id, token_type) do update
       set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = now(), updated_at = now()`,
    [user.id, type, tokenHash, email],
  );
  const column = type === "confirmation_token" ? "confirmation" : "recovery";
  await db.query(`update auth.users set ${column}_token = $2, ${column}_sent_at = now() where id = $1`, [user.id, tokenHash]);
  return { otp, tokenHash };
}

/** Stores the PKCE challenge of a flow (GoTrue's flow_state); the auth code is handed out when the link is clicked. */
export async function createFlowState(db: Queryable, userId: string, pkce: Pkce, method: AuthMethod): Promise<void> {
  await db.query(
    `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
       authentication_method, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $6, now(), now())`,
    [randomUUID(), userId, randomUUID(), pkce.method, pkce.challenge, method],
  );
}

const TOKEN_TYPES: Record<EmailVerifyType, ("confirmation_token" | "recovery_token")[]> = {
  email: ["confirmation_token", "recovery_token"],
  signup: ["confirmation_token"],
  invite: ["confirmation_token"],
  magiclink: ["recovery_token"],
  recovery: ["recovery_token"],
};

interface TokenRow {
  id: string;
  user_id: string;
  token_type: "confirmation_token" | "recovery_token";
  token_hash: string;
  expired: boolean;
}

export interface VerifiedToken {
  user: UserRow;
  /** The verification type after resolving `email` to `signup` or `magiclink` (as GoTrue does). */
  type: Exclude<EmailVerifyType, "email">;
  pkce: boolean;
}

/**
 * Finds and consumes a one-time token, by hash (links, `token_hash`) or by email + code. Wrong, used or expired tokens
 * all answer 403 otp_expired like GoTrue. The row is deleted, so a token works once.
 */
export async function consumeToken(
  db: Queryable,
  ctx: StackContext,
  type: EmailVerifyType,
  lookup: { tokenHash: string } | { email: string; otp: string },
): Promise<VerifiedToken> {
  const types = TOKEN_TYPES[type];
  let rows: TokenRow[];
  let notFound: AuthError;
  const select = `select id, user_id, token_type, token_hash,
                         created_at < now()::timestamp - make_interval(secs => ${Number(ctx.config.auth.otpExpirySeconds)}) as expired
                    from auth.one_time_tokens`;
  if ("tokenHash" in lookup) {
    notFound = forbidden("otp_expired", "Email link is invalid or has expired");
    rows = (await db.query<TokenRow>(`${select} where token_hash = $1 and token_type = any($2::text[]) for update`, [lookup.tokenHash, types])).rows;
  } else {
    notFound = forbidden("otp_expired", "Token has expired or is invalid");
    const user = await findUserByEmail(db, lookup.email);
    if (!user) throw notFound;
    const hash = tokenHashOf(lookup.email, lookup.otp);
    rows = (
      await db.query<TokenRow>(
        `${select} where user_id = $1 and token_hash in ($2, $3) and token_type = any($4::text[]) for update`,
        [user.id, hash, PKCE_PREFIX + hash, types],
      )
    ).rows;
  }
  // `email` checks the confirmation token first, then the recovery token (GoTrue's order).
  const row = rows.sort((a, b) => types.indexOf(a.token_type) - types.indexOf(b.token_type))[0];
  if (!row || row.expired) throw notFound;
  const user = await findUserById(db, row.user_id);
  if (!user) throw notFound;
  if (user.banned_until && user.banned_until.getTime() > Date.now()) throw forbidden("user_banned", "User is banned");
  await db.query(`delete from auth.one_time_tokens where id = $1`, [row.id]);
  const column = row.token_type === "confirmation_token" ? "confirmation_token" : "recovery_token";
  await db.query(`update auth.users set ${column} = '' where id = $1`, [user.id]);
  const resolved = type === "email" ? (row.token_type === "confirmation_token" ? "signup" : "magiclink") : type;
  return { user, type: resolved, pkce: row.token_hash.startsWith(PKCE_PREFIX) };
}

/** What a verified token does to the user (signupVerify / recoverVerify): the email is confirmed either way. */
export async function applyVerification(db: Queryable, verified: VerifiedToken): Promise<void> {
  if (!verified.user.email_confirmed_at || verified.type === "signup" || verified.type === "invite") {
    await confirmEmail(db, verified.user.id);
  }
}

export const AUTH_METHOD_OF: Record<VerifiedToken["type"], AuthMethod> = {
  signup: "email/signup",
  invite: "invite",
  magiclink: "magiclink",
  recovery: "recovery",
};

/** The PKCE auth code for a verified link: the user's latest flow of that kind (GoTrue's issueAuthCode). */
export async function issueAuthCode(db: Queryable, userId: string, method: AuthMethod): Promise<string> {
  const result = await db.query<{ id: string; auth_code: string }>(
    `select id, auth_code from auth.flow_state where user_id = $1 and authentication_method = $2
      order by created_at desc limit 1`,
    [userId, method],
  );
  const flow = result.rows[0];
  if (!flow) throw new AuthError(422, "flow_state_not_found", "No valid flow state found for user.");
  await db.query(`update auth.flow_state set auth_code_issued_at = now(), updated_at = now() where id = $1`, [flow.id]);
  return flow.auth_code;
}

interface FlowRow {
  id: string;
  user_id: string | null;
  code_challenge: string;
  code_challenge_method: string;
  authentication_method: string;
  expired: boolean;
}

/** grant_type=pkce: checks the verifier against the stored challenge, then starts a session and drops the flow. */
export async function exchangeAuthCode(db: Queryable, ctx: StackContext, authCode: string, verifier: string): Promise<JsonObject> {
  const result = await db.query<FlowRow>(
    `select id, user_id, code_challenge, code_challenge_method, authentication_method,
            coalesce(auth_code_issued_at, created_at) < now() - make_interval(secs => ${FLOW_STATE_EXPIRY_SECONDS}) as expired
       from auth.flow_state where auth_code = $1 for update`,
    [authCode],
  );
  const flow = result.rows[0];
  if (!flow || !flow.user_id) throw new AuthError(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
  if (flow.expired) throw new AuthError(422, "flow_state_expired", "invalid flow state, flow state has expired");
  const expected =
    flow.code_challenge_method === "plain" ? verifier : createHash("sha256").update(verifier).digest("base64url");
  if (expected !== flow.code_challenge) {
    throw badRequest("bad_code_verifier", "code challenge does not match previously saved code verifier");
  }
  await db.query(`delete from auth.flow_state where id = $1`, [flow.id]);
  const method = (Object.values(AUTH_METHOD_OF) as string[]).includes(flow.authentication_method)
    ? (flow.authentication_method as AuthMethod)
    : "otp";
  return issueSession(db, ctx, flow.user_id, method);
}

const MAIL_SUBJECTS: Record<MailType, string> = {
  magiclink: "Your Magic Link",
  recovery: "Reset Your Password",
  signup: "Confirm Your Signup",
  invite: "You have been invited",
  email_change: "Confirm Email Change",
};

const MAIL_ACTIONS: Record<MailType, string> = {
  magiclink: "log in",
  recovery: "reset your password",
  signup: "confirm your email address",
  invite: "accept the invitation",
  email_change: "confirm the change of your email address",
};

export type MailType = "magiclink" | "recovery" | "signup" | "invite" | "email_change";

/**
 * The project-wide hourly mail budget (`[auth.rate_limit] email_sent`), spent once per send like GoTrue's sendEmail.
 * GoTrue applies it only with confirmations on (autoconfirm skips it), and refuses every mail when it is 0.
 */
export function spendMailBudget(ctx: StackContext): void {
  const { auth } = ctx.config;
  const refused = auth.rateLimits.emailSent === 0 || (auth.enableConfirmations && !ctx.authLimiters.email.allow());
  if (refused) throw new AuthError(429, "over_email_send_rate_limit", "email rate limit exceeded");
}

function minutes(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600} hour${seconds === 3600 ? "" : "s"}` : `${Math.round(seconds / 60)} minutes`;
}

/** Puts a mail with the code and the link into the local mailbox (no budget check: see sendAuthMail). */
export function deliverAuthMail(ctx: StackContext, to: string, type: MailType, token: IssuedToken, redirectTo: string): void {
  const link = verifyLink(ctx, token.tokenHash, type, redirectTo);
  ctx.mailbox.deliver({
    to,
    subject: MAIL_SUBJECTS[type],
    text: `Follow this link to ${MAIL_ACTIONS[type]}:\n${link}\n\nAlternatively, enter the code: ${token.otp}\n\nThe code and the link expire in ${minutes(ctx.config.auth.otpExpirySeconds)} and work once.`,
    otp: token.otp,
    tokenHash: token.tokenHash,
    link,
    type,
  });
}

/** The mail GoTrue would send, into the local mailbox: one mail with both the code and the link. */
export function sendAuthMail(ctx: StackContext, to: string, type: Exclude<MailType, "email_change">, token: IssuedToken, redirectTo: string): void {
  spendMailBudget(ctx);
  deliverAuthMail(ctx, to, type, token, redirectTo);
}
