import { z } from "zod";
import type { StackContext } from "../context.ts";
import { json } from "../http.ts";
import { AuthError, badRequest, forbidden, unprocessable, unsupported, validationFailed } from "./errors.ts";
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
} from "./otp.ts";
import { metadataSchema, readBody, requireUser, type AuthCaller } from "./request.ts";
import { issueSession, refreshSession, transaction } from "./sessions.ts";
import {
  changeEmail,
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
} from "./users.ts";

const text = z.string().nullish();
const pkceFields = { code_challenge: text, code_challenge_method: text };

const signupSchema = z.object({ email: text, phone: text, password: text, data: metadataSchema.nullish(), ...pkceFields });

/** POST /signup: email + password; with confirmations off (local default) the user is confirmed and signed in. */
export async function signup(request: Request, ctx: StackContext): Promise<Response> {
  const body = await readBody(request, signupSchema);
  if (!body.email && !body.phone && !body.password) {
    throw unprocessable("anonymous_provider_disabled", "Anonymous sign-ins are not supported by the local auth server");
  }
  if (!body.password) throw validationFailed("Signup requires a valid password");
  checkPasswordStrength(body.password);
  if (body.email && body.phone) throw validationFailed("Only an email address or phone number should be provided on signup.");
  rejectPhone(body.phone);
  pkceOf(body.code_challenge, body.code_challenge_method); // validated like GoTrue; unused since sign-up confirms at once
  const email = validateEmail(body.email);
  const password = body.password;
  const data = body.data ?? {};
  return transaction(ctx.db.auth, async (db) => {
    let user = await findUserByEmail(db, email);
    if (user?.email_confirmed_at) throw unprocessable("user_already_exists", "User already registered");
    if (!user) user = await createUser(db, { email, password, userMetadata: data, confirmed: true });
    else await confirmEmail(db, user.id); // GoTrue with autoconfirm: an unconfirmed (invited, linked) user gets confirmed
    return json(await issueSession(db, ctx, user.id, "password"));
  });
}

const passwordGrantSchema = z.object({ email: text, phone: text, password: text });
const refreshGrantSchema = z.object({ refresh_token: text });
const pkceGrantSchema = z.object({ auth_code: text, code_verifier: text });

/** POST /token?grant_type=password|refresh_token|pkce. */
export async function token(request: Request, ctx: StackContext): Promise<Response> {
  const grantType = new URL(request.url).searchParams.get("grant_type");
  switch (grantType) {
    case "password": {
      const body = await readBody(request, passwordGrantSchema);
      if (body.email && body.phone) throw validationFailed("Only an email address or phone number should be provided on login.");
      rejectPhone(body.phone);
      if (!body.email) throw validationFailed("missing email or phone");
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

/** POST /otp: one mail with a 6-digit code and a magic link; creates the user unless create_user is false. */
export async function otp(request: Request, ctx: StackContext): Promise<Response> {
  const body = await readBody(request, otpSchema);
  rejectPhone(body.phone);
  if (!body.email) throw validationFailed("One of email or phone must be set");
  const email = validateEmail(body.email);
  const pkce = pkceOf(body.code_challenge, body.code_challenge_method);
  const redirectTo = safeRedirect(ctx, new URL(request.url).searchParams.get("redirect_to"));
  await transaction(ctx.db.auth, async (db) => {
    let user = await findUserByEmail(db, email);
    if (!user && body.create_user === false) throw unprocessable("otp_disabled", "Signups not allowed for otp");
    if (!user) user = await createUser(db, { email, password: randomPassword(), userMetadata: body.data ?? {}, confirmed: true });
    else if (!user.email_confirmed_at) await confirmEmail(db, user.id);
    if (pkce) await createFlowState(db, user.id, pkce, "magiclink");
    const issued = await issueOneTimeToken(db, user, "recovery_token", pkce !== null);
    sendAuthMail(ctx, email, "magiclink", issued, redirectTo);
  });
  return json({});
}

const recoverSchema = z.object({ email: text, ...pkceFields });

/** POST /recover (resetPasswordForEmail): a recovery mail; unknown emails answer 200 too, like GoTrue. */
export async function recover(request: Request, ctx: StackContext): Promise<Response> {
  const body = await readBody(request, recoverSchema);
  const email = validateEmail(body.email);
  const pkce = pkceOf(body.code_challenge, body.code_challenge_method);
  const redirectTo = safeRedirect(ctx, new URL(request.url).searchParams.get("redirect_to"));
  await transaction(ctx.db.auth, async (db) => {
    const user = await findUserByEmail(db, email);
    if (!user) return;
    if (pkce) await createFlowState(db, user.id, pkce, "recovery");
    sendAuthMail(ctx, email, "recovery", await issueOneTimeToken(db, user, "recovery_token", pkce !== null), redirectTo);
  });
  return json({});
}

const EMAIL_TYPES = ["email", "magiclink", "signup", "recovery", "invite"] as const;
const verifySchema = z.object({ type: text, token: text, token_hash: text, email: text, phone: text, redirect_to: text });

function emailVerifyType(type: string | null | undefined): EmailVerifyType {
  if (!type) throw validationFailed("Verify requires a verification type");
  if ((EMAIL_TYPES as readonly string[]).includes(type)) return type as EmailVerifyType;
  if (type === "sms" || type === "phone_change") throw badRequest("phone_provider_disabled", `Phone verification (type ${type}) is not supported by the local auth server`);
  if (type === "email_change") {
    // Email changes apply at once (confirmations are off locally), so no email_change token ever exists.
    throw forbidden("otp_expired", "Token has expired or is invalid (email changes apply immediately on the local auth server)");
  }
  throw validationFailed("Invalid email verification type");
}

/** POST /verify: `{email, token, type}` or `{token_hash, type}` → a session. */
export async function verifyPost(request: Request, ctx: StackContext): Promise<Response> {
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
    const verified = await consumeToken(db, type, lookup);
    await applyVerification(db, verified);
    return json(await issueSession(db, ctx, verified.user.id, "otp"));
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
  const query = new URL(request.url).searchParams;
  const redirectTo = safeRedirect(ctx, query.get("redirect_to"));
  const tokenHash = query.get("token") ?? "";
  const rawType = query.get("type");
  if (!rawType) throw validationFailed("Verify requires a verification type");
  if (!tokenHash) throw validationFailed("Verify requires a token or a token hash");
  const pkce = tokenHash.startsWith("pkce_");
  try {
    const type = emailVerifyType(rawType);
    type Outcome = { pkce: true; code: string } | { pkce: false; session: JsonObject };
    const outcome = await transaction(ctx.db.auth, async (db): Promise<Outcome> => {
      const verified = await consumeToken(db, type, { tokenHash });
      await applyVerification(db, verified);
      if (verified.pkce) return { pkce: true, code: await issueAuthCode(db, verified.user.id, AUTH_METHOD_OF[verified.type]) };
      return { pkce: false, session: await issueSession(db, ctx, verified.user.id, "otp") };
    });
    const target = new URL(redirectTo);
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

/** PUT /user: email (applied at once, confirmations are off), password, data (merged; null removes a key). */
export async function updateUser(request: Request, caller: AuthCaller, ctx: StackContext): Promise<Response> {
  const { user } = await requireUser(caller, ctx);
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
  return transaction(ctx.db.auth, async (db) => {
    if (body.password) await setPassword(db, user.id, body.password);
    if (body.data) await mergeMetadata(db, user.id, "raw_user_meta_data", body.data);
    if (email && email !== user.email) await changeEmail(db, user.id, email);
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
