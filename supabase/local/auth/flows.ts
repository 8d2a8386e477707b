import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { StackContext } from "../context.ts";
import { json } from "../http.ts";
import { requestEmailChange, SINGLE_CONFIRMATION_ACCEPTED, verifyEmailChange } from "./email-change.ts";
import { AuthError, badRequest, forbidden, unprocessable, unsupported, validationFailed } from "./errors.ts";
import { limitRequest } from "./rate-limit.ts";
import {
  applyVerification,
  AUTH_METHOD_OF,
  consumeToken,
  createFlowState,
  exchangeAuthCode,
  issueAuthCode,
  issueOneTimeToken,
  pkceOf,
  safeRedirect,
  sendAuthMail,
  type EmailVerifyType,
  type Pkce,
} from "./otp.ts";
import { metadataSchema, readBody, requireUser, type AuthCaller } from "./request.ts";
import { issueSession, refreshSession, transaction, type AuthMethod } from "./sessions.ts";
import {
  checkPasswordStrength,
  confirmEmail,
  createUser,
  findUserByEmail,
  findUserById,
  isBanned,
  mergeMetadata,
  passwordMatches,
  randomPassword,
  rejectPhone,
  setPassword,
  userJson,
  validateEmail,
  type JsonObject,
  type Queryable,
  type UserRow,
} from "./users.ts";

const text = z.string().nullish();
const pkceFields = { code_challenge: text, code_challenge_method: text };

const signupSchema = z.object({ email: text, phone: text, password: text, data: metadataSchema.nullish(), ...pkceFields });

const signupDisabled = () => unprocessable("signup_disabled", "Signups not allowed for this instance");

/**
 * GoTrue's Signup for an email address, inside the caller's transaction. A confirmed address is never touched. An
 * unknown one becomes a user; with confirmations on it stays unconfirmed and gets the "Confirm Your Signup" mail (code
 * + link), and an unconfirmed one gets that mail again without any change to its password or metadata: nobody has
 * proved the address yet. With confirmations off the address is confirmed at once.
 */
async function signUpEmail(
  db: Queryable,
  ctx: StackContext,
  input: { email: string; password: string; data: JsonObject; pkce: Pkce | null; redirectTo: string },
): Promise<{ user: UserRow; existing: boolean }> {
  const { auth } = ctx.config;
  let user = await findUserByEmail(db, input.email);
  if (user?.email_confirmed_at) return { user, existing: true };
  if (!user) user = await createUser(db, { email: input.email, password: input.password, userMetadata: input.data, confirmed: false });
  if (!auth.enableConfirmations) {
    await confirmEmail(db, user.id);
  } else {
    if (input.pkce) await createFlowState(db, user.id, input.pkce, "email/signup");
    const issued = await issueOneTimeToken(db, ctx, user, "confirmation_token", input.pkce !== null);
    sendAuthMail(ctx, input.email, "signup", issued, input.redirectTo);
  }
  return { user: (await findUserById(db, user.id)) ?? user, existing: false };
}

/** GoTrue's sanitizeUser: what a sign-up for an already confirmed address answers, so it reveals nothing. */
function obfuscatedUser(email: string, data: JsonObject): JsonObject {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    aud: "authenticated",
    role: "",
    email,
    phone: "",
    confirmation_sent_at: now,
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: data,
    identities: [],
    created_at: now,
    updated_at: now,
    is_anonymous: false,
  };
}

/**
 * POST /signup: email + password. Confirmations on (config.toml): an unconfirmed user and a confirmation mail, no
 * session; off: a confirmed user and a session.
 */
export async function signup(request: Request, ctx: StackContext): Promise<Response> {
  const { auth } = ctx.config;
  if (!auth.enableSignup) throw signupDisabled();
  const body = await readBody(request, signupSchema);
  if (!body.email && !body.phone && !body.password) {
    throw unprocessable("anonymous_provider_disabled", "Anonymous sign-ins are not supported by the local auth server");
  }
  limitRequest(ctx.authLimiters.signInSignUps, request, ctx);
  if (!body.password) throw validationFailed("Signup requires a valid password");
  checkPasswordStrength(body.password);
  if (body.email && body.phone) throw validationFailed("Only an email address or phone number should be provided on signup.");
  rejectPhone(body.phone);
  const pkce = pkceOf(body.code_challenge, body.code_challenge_method);
  if (!auth.emailEnabled) throw badRequest("email_provider_disabled", "Email signups are disabled");
  const email = validateEmail(body.email);
  const password = body.password;
  const data = body.data ?? {};
  const redirectTo = safeRedirect(ctx, new URL(request.url).searchParams.get("redirect_to"));
  return transaction(ctx.db.auth, async (db) => {
    const { user, existing } = await signUpEmail(db, ctx, { email, password, data, pkce, redirectTo });
    if (existing) {
      if (!auth.enableConfirmations) throw unprocessable("user_already_exists", "User already registered");
      return json(obfuscatedUser(email, data));
    }
    if (user.email_confirmed_at) return json(await issueSession(db, ctx, user.id, "password"));
    const answer = await userJson(db, user);
    // GoTrue strips an invited user's details from an unauthenticated answer.
    return json(user.invited_at ? { ...answer, user_metadata: {}, identities: [] } : answer);
  });
}

const passwordGrantSchema = z.object({ email: text, phone: text, password: text });
const refreshGrantSchema = z.object({ refresh_token: text });
const pkceGrantSchema = z.object({ auth_code: text, code_verifier: text });

const TOKEN_GRANTS = ["password", "refresh_token", "pkce", "id_token", "web3"];

/** POST /token?grant_type=password|refresh_token|pkce, every grant limited per IP by `token_refresh` (as in GoTrue). */
export async function token(request: Request, ctx: StackContext): Promise<Response> {
  const grantType = new URL(request.url).searchParams.get("grant_type");
  if (grantType && TOKEN_GRANTS.includes(grantType)) limitRequest(ctx.authLimiters.token, request, ctx);
  switch (grantType) {
    case "password": {
      const body = await readBody(request, passwordGrantSchema);
      if (body.email && body.phone) throw validationFailed("Only an email address or phone number should be provided on login.");
      rejectPhone(body.phone);
      if (!body.email) throw validationFailed("missing email or phone");
      if (!ctx.config.auth.emailEnabled) throw unprocessable("email_provider_disabled", "Email logins are disabled");
      const invalid = badRequest("invalid_credentials", "Invalid login credentials");
      const user = await findUserByEmail(ctx.db.auth, body.email.trim().toLowerCase());
      if (!user || !user.encrypted_password) throw invalid;
      if (isBanned(user)) throw badRequest("user_banned", "User is banned");
      if (!(await passwordMatches(user, body.password ?? ""))) throw invalid;
      if (!user.email_confirmed_at) throw badRequest("email_not_confirmed", "Email not confirmed");
      return json(await transaction(ctx.db.auth, (db) => issueSession(db, ctx, user.id, "password")));
    }
    case "refresh_token": {
      const body = await readBody(request, refreshGrantSchema);
      if (!body.refresh_token) throw validationFailed("refresh_token required");
      return json(await refreshSession(ctx, body.refresh_token));
    }
    case "pkce": {
      const body = await readBody(request, pkceGrantSchema);
      if (!body.auth_code || !body.code_verifier) {
        throw validationFailed("invalid request: both auth code and code verifier should be non-empty");
      }
      const { auth_code: code, code_verifier: verifier } = body;
      return json(await transaction(ctx.db.auth, (db) => exchangeAuthCode(db, ctx, code, verifier)));
    }
    case "id_token":
      throw badRequest("provider_disabled", "Sign-in with an OIDC ID token (grant_type=id_token) is not supported by the local auth server");
    case "web3":
      throw badRequest("provider_disabled", "Web3 sign-in (grant_type=web3) is not supported by the local auth server");
    default:
      throw badRequest("unsupported_grant_type", `unsupported_grant_type: ${grantType ?? "(none)"}; the local auth server supports password, refresh_token and pkce`);
  }
}

const otpSchema = z.object({
  email: text,
  phone: text,
  data: metadataSchema.nullish(),
  create_user: z.boolean().nullish(),
  channel: text,
  ...pkceFields,
});

/**
 * POST /otp (GoTrue's Otp + MagicLink). A confirmed user gets a magic-link mail (code + link). An unknown or unconfirmed
 * address goes through sign-up: with confirmations on that is the "Confirm Your Signup" mail, whose code verifies with
 * type `email` (or `signup`) and confirms the address; with them off the user is confirmed and gets the magic link.
 */
export async function otp(request: Request, ctx: StackContext): Promise<Response> {
  const { auth } = ctx.config;
  limitRequest(ctx.authLimiters.signInSignUps, request, ctx);
  const body = await readBody(request, otpSchema);
  rejectPhone(body.phone);
  if (!body.email) throw validationFailed("One of email or phone must be set");
  const email = validateEmail(body.email);
  const pkce = pkceOf(body.code_challenge, body.code_challenge_method);
  const redirectTo = safeRedirect(ctx, new URL(request.url).searchParams.get("redirect_to"));
  await transaction(ctx.db.auth, async (db) => {
    let user = await findUserByEmail(db, email);
    if (!user && body.create_user === false) throw unprocessable("otp_disabled", "Signups not allowed for otp");
    if (!auth.emailEnabled) throw unprocessable("email_provider_disabled", "Email logins are disabled");
    if (!user?.email_confirmed_at) {
      if (!auth.enableSignup) throw signupDisabled();
      const signedUp = await signUpEmail(db, ctx, { email, password: randomPassword(), data: body.data ?? {}, pkce, redirectTo });
      if (auth.enableConfirmations) return; // the confirmation mail is the sign-in mail
      user = signedUp.user;
    }
    if (pkce) await createFlowState(db, user.id, pkce, "magiclink");
    const issued = await issueOneTimeToken(db, ctx, user, "recovery_token", pkce !== null);
    sendAuthMail(ctx, email, "magiclink", issued, redirectTo);
  });
  return json({});
}

const recoverSchema = z.object({ email: text, ...pkceFields });

/** POST /recover (resetPasswordForEmail): a recovery mail; unknown emails answer 200 too, like GoTrue. */
export async function recover(request: Request, ctx: StackContext): Promise<Response> {
  limitRequest(ctx.authLimiters.signInSignUps, request, ctx);
  const body = await readBody(request, recoverSchema);
  const email = validateEmail(body.email);
  const pkce = pkceOf(body.code_challenge, body.code_challenge_method);
  const redirectTo = safeRedirect(ctx, new URL(request.url).searchParams.get("redirect_to"));
  await transaction(ctx.db.auth, async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user) return;
    if (pkce) await createFlowState(db, user.id, pkce, "recovery");
    sendAuthMail(ctx, email, "recovery", await issueOneTimeToken(db, ctx, user, "recovery_token", pkce !== null), redirectTo);
  });
  return json({});
}

const EMAIL_TYPES = ["email", "magiclink", "signup", "recovery", "invite"] as const;
const verifySchema = z.object({ type: text, token: text, token_hash: text, email: text, phone: text, redirect_to: text });

function emailVerifyType(type: string | null | undefined): EmailVerifyType | "email_change" {
  if (!type) throw validationFailed("Verify requires a verification type");
  if ((EMAIL_TYPES as readonly string[]).includes(type)) return type as EmailVerifyType;
  if (type === "email_change") return type;
  if (type === "sms" || type === "phone_change") throw badRequest("phone_provider_disabled", `Phone verification (type ${type}) is not supported by the local auth server`);
  throw validationFailed("Invalid email verification type");
}

type VerifyOutcome = { kind: "verified"; userId: string; method: AuthMethod; pkce: boolean } | { kind: "single" };

/** Consumes the token and applies what it proves: an address (signup, invite, magic link, recovery) or an email change. */
async function verifyToken(
  db: Queryable,
  ctx: StackContext,
  type: EmailVerifyType | "email_change",
  lookup: { tokenHash: string } | { email: string; otp: string },
): Promise<VerifyOutcome> {
  if (type === "email_change") {
    const change = await verifyEmailChange(db, ctx, lookup);
    if (!change.done) return { kind: "single" };
    return { kind: "verified", userId: change.user.id, method: "email_change", pkce: change.pkce };
  }
  const verified = await consumeToken(db, ctx, type, lookup);
  await applyVerification(db, verified);
  return { kind: "verified", userId: verified.user.id, method: AUTH_METHOD_OF[verified.type], pkce: verified.pkce };
}

/** POST /verify: `{email, token, type}` or `{token_hash, type}` → a session. */
export async function verifyPost(request: Request, ctx: StackContext): Promise<Response> {
  limitRequest(ctx.authLimiters.verify, request, ctx);
  const body = await readBody(request, verifySchema);
  const type = emailVerifyType(body.type);
  if (!body.token === !body.token_hash) throw validationFailed("Verify requires either a token or a token hash");
  rejectPhone(body.phone);
  let lookup: { tokenHash: string } | { email: string; otp: string };
  if (body.token) {
    if (!body.email) throw validationFailed("Only an email address or phone number should be provided on verify");
    lookup = { email: validateEmail(body.email), otp: body.token.trim() };
  } else {
    if (body.email || body.redirect_to) throw validationFailed("Only the token_hash and type should be provided");
    lookup = { tokenHash: body.token_hash ?? "" };
  }
  return transaction(ctx.db.auth, async (db) => {
    const outcome = await verifyToken(db, ctx, type, lookup);
    if (outcome.kind === "single") return json({ msg: SINGLE_CONFIRMATION_ACCEPTED, code: "200" });
    return json(await issueSession(db, ctx, outcome.userId, "otp"));
  });
}

/** The fragment / query GoTrue appends on a failed link click (prepErrorRedirectURL). */
function errorRedirect(target: string, error: AuthError, pkce: boolean): string {
  const url = new URL(target);
  const oauthError = ({ 400: "invalid_request", 401: "unauthorized_client", 403: "access_denied" } as Record<number, string>)[error.status];
  const params = new URLSearchParams();
  if (oauthError) params.set("error", oauthError);
  params.set("error_code", error.code);
  params.set("error_description", error.message);
  if (pkce) for (const [key, value] of params) url.searchParams.set(key, value);
  params.set("sb", "");
  url.hash = params.toString();
  return url.toString();
}

const seeOther = (location: string) => new Response(null, { status: 303, headers: { location } });

/** GET /verify (link click): 303 to redirect_to with the session in the fragment, or `?code=` for a PKCE flow. */
export async function verifyGet(request: Request, ctx: StackContext): Promise<Response> {
  limitRequest(ctx.authLimiters.verify, request, ctx);
  const query = new URL(request.url).searchParams;
  const redirectTo = safeRedirect(ctx, query.get("redirect_to"));
  const tokenHash = query.get("token") ?? "";
  const rawType = query.get("type");
  if (!rawType) throw validationFailed("Verify requires a verification type");
  if (!tokenHash) throw validationFailed("Verify requires a token or a token hash");
  const pkce = tokenHash.startsWith("pkce_");
  try {
    const type = emailVerifyType(rawType);
    type Outcome = { pkce: true; code: string } | { pkce: false; session: JsonObject } | { single: true };
    const outcome = await transaction(ctx.db.auth, async (db): Promise<Outcome> => {
      const verified = await verifyToken(db, ctx, type, { tokenHash });
      if (verified.kind === "single") return { single: true };
      if (verified.pkce) return { pkce: true, code: await issueAuthCode(db, verified.userId, verified.method) };
      return { pkce: false, session: await issueSession(db, ctx, verified.userId, "otp") };
    });
    const target = new URL(redirectTo);
    if ("single" in outcome) {
      // GoTrue's prepRedirectURL: the message in the fragment (and the query for a PKCE flow).
      if (pkce) target.searchParams.set("message", SINGLE_CONFIRMATION_ACCEPTED);
      target.hash = new URLSearchParams({ message: SINGLE_CONFIRMATION_ACCEPTED, sb: "" }).toString();
      return seeOther(target.toString());
    }
    if (outcome.pkce) {
      target.searchParams.set("code", outcome.code);
      return seeOther(target.toString());
    }
    const { session } = outcome;
    const fragment = new URLSearchParams({
      access_token: String(session.access_token),
      expires_at: String(session.expires_at),
      expires_in: String(session.expires_in),
      refresh_token: String(session.refresh_token),
      sb: "",
      token_type: "bearer",
      type: rawType,
    });
    return seeOther(`${target.toString().replace(/#.*$/, "")}#${fragment}`);
  } catch (error) {
    if (error instanceof AuthError) return seeOther(errorRedirect(redirectTo, error, pkce));
    throw error;
  }
}

export async function getUser(caller: AuthCaller, ctx: StackContext): Promise<Response> {
  const { user } = await requireUser(caller, ctx);
  return json(await userJson(ctx.db.auth, user));
}

const updateUserSchema = z.object({
  email: text,
  password: text,
  data: metadataSchema.nullish(),
  app_metadata: metadataSchema.nullish(),
  phone: text,
  nonce: text,
  current_password: text,
  ...pkceFields,
});

/**
 * PUT /user: password, data (merged; null removes a key) and email. A new email changes nothing yet: it is pending
 * (`new_email`) until confirmed from the mails (both addresses with double_confirm_changes), as GoTrue does for every
 * non-anonymous user whatever the confirmation setting.
 */
export async function updateUser(request: Request, caller: AuthCaller, ctx: StackContext): Promise<Response> {
  const { user } = await requireUser(caller, ctx);
  limitRequest(ctx.authLimiters.signInSignUps, request, ctx);
  const body = await readBody(request, updateUserSchema);
  if (body.app_metadata) throw forbidden("not_admin", "Updating app_metadata requires admin privileges");
  rejectPhone(body.phone);
  const email = body.email ? validateEmail(body.email) : null;
  if (body.password) {
    checkPasswordStrength(body.password);
    if (await passwordMatches(user, body.password)) {
      throw unprocessable("same_password", "New password should be different from the old password.");
    }
  }
  const pkce = pkceOf(body.code_challenge, body.code_challenge_method);
  const redirectTo = safeRedirect(ctx, new URL(request.url).searchParams.get("redirect_to"));
  if (email && email !== user.email) {
    const other = await findUserByEmail(ctx.db.auth, email);
    if (other && other.id !== user.id) throw unprocessable("email_exists", "A user with this email address has already been registered");
  }
  return transaction(ctx.db.auth, async (db) => {
    if (body.password) await setPassword(db, user.id, body.password);
    if (body.data) await mergeMetadata(db, user.id, "raw_user_meta_data", body.data);
    if (email && email !== user.email) {
      if (pkce) await createFlowState(db, user.id, pkce, "email_change");
      await requestEmailChange(db, ctx, user, email, pkce !== null, redirectTo);
    }
    const updated = await findUserById(db, user.id);
    if (!updated) throw new AuthError(404, "user_not_found", "User not found");
    return json(await userJson(db, updated));
  });
}

/** POST /logout?scope=global|local|others → 204; the sessions' refresh tokens go with them. */
export async function logout(request: Request, caller: AuthCaller, ctx: StackContext): Promise<Response> {
  const scope = new URL(request.url).searchParams.get("scope") || "global";
  if (!["global", "local", "others"].includes(scope)) throw validationFailed(`Unsupported logout scope "${scope}"`);
  const { user, sessionId } = await requireUser(caller, ctx);
  if (scope === "local" && sessionId) {
    await ctx.db.auth.query(`delete from auth.sessions where id = $1`, [sessionId]);
  } else if (scope === "others" && sessionId) {
    await ctx.db.auth.query(`delete from auth.sessions where user_id = $1 and id <> $2`, [user.id, sessionId]);
  } else {
    await ctx.db.auth.query(`delete from auth.sessions where user_id = $1`, [user.id]);
  }
  return new Response(null, { status: 204 });
}

export function unsupportedOAuth(request: Request): never {
  const provider = new URL(request.url).searchParams.get("provider");
  throw unsupported(`OAuth sign-in${provider ? ` with ${provider}` : ""}`, 400, "provider_disabled");
}
