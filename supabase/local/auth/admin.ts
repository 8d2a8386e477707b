import { z } from "zod";
import type { StackContext } from "../context.ts";
import { json } from "../http.ts";
import { AuthError, unprocessable, unsupported, validationFailed } from "./errors.ts";
import { issueOneTimeToken, safeRedirect, sendAuthMail, verifyLink } from "./otp.ts";
import { metadataSchema, readBody, requireAdmin, type AuthCaller } from "./request.ts";
import { transaction } from "./sessions.ts";
import {
  changeEmail,
  checkPasswordStrength,
  confirmEmail,
  createUser,
  findUserByEmail,
  findUserById,
  mergeMetadata,
  randomPassword,
  rejectPhone,
  setPassword,
  userJson,
  validateEmail,
  type JsonObject,
  type UserRow,
} from "./users.ts";

const text = z.string().nullish();
const bcryptHash = z.string().regex(/^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/, "password_hash must be a bcrypt hash");
const uuidSchema = z.uuid();

/** Admin fields the local server does not implement: refusing them beats silently ignoring them. */
function rejectUnsupportedAdminFields(body: { phone?: string | null; phone_confirm?: boolean | null; ban_duration?: string | null }) {
  rejectPhone(body.phone);
  if (body.phone_confirm) rejectPhone("phone_confirm");
  if (body.ban_duration && body.ban_duration !== "none") throw unsupported("ban_duration (banning users)", 400, "validation_failed");
}

const adminCreateSchema = z.object({
  id: text,
  email: text,
  password: text,
  password_hash: bcryptHash.nullish(),
  email_confirm: z.boolean().nullish(),
  user_metadata: metadataSchema.nullish(),
  app_metadata: metadataSchema.nullish(),
  role: z.string().regex(/^[a-z_][a-z0-9_]*$/, "role must be a plain role name").nullish(),
  phone: text,
  phone_confirm: z.boolean().nullish(),
  ban_duration: text,
});

/** POST /admin/users (auth.admin.createUser). Like GoTrue, no password means a random one, and no strength check. */
async function createUserAsAdmin(request: Request, ctx: StackContext): Promise<Response> {
  const body = await readBody(request, adminCreateSchema);
  rejectUnsupportedAdminFields(body);
  if (!body.email) throw validationFailed("Cannot create a user without either an email or phone");
  const email = validateEmail(body.email);
  if (body.password && body.password_hash) throw validationFailed("Only a password or a password hash should be provided");
  if (body.id && !uuidSchema.safeParse(body.id).success) throw validationFailed("ID must conform to the uuid v4 format");
  if (body.id === "00000000-0000-0000-0000-000000000000") throw validationFailed("ID cannot be a nil uuid");
  if (body.password) checkPasswordLength(body.password);
  return transaction(ctx.db.auth, async (db) => {
    if (body.id && (await findUserById(db, body.id))) {
      throw unprocessable("user_already_exists", "A user with this ID already exists");
    }
    const user = await createUser(db, {
      id: body.id ?? undefined,
      email,
      password: body.password_hash ? null : (body.password ?? randomPassword()),
      passwordHash: body.password_hash ?? undefined,
      userMetadata: body.user_metadata ?? {},
      appMetadata: body.app_metadata ?? {},
      role: body.role ?? undefined,
      confirmed: body.email_confirm === true,
    });
    return json(await userJson(db, user));
  });
}

/** bcrypt's 72-byte limit is the only password rule on the admin path (GoTrue skips the strength check there). */
function checkPasswordLength(password: string) {
  try {
    checkPasswordStrength(password);
  } catch (error) {
    if (error instanceof AuthError && error.code === "weak_password") return;
    throw error;
  }
}

const adminUpdateSchema = adminCreateSchema.omit({ id: true });

/** PUT /admin/users/<id>: metadata merged, email changed at once (GoTrue's admin API confirms nothing), password replaced. */
async function updateUserAsAdmin(request: Request, ctx: StackContext, user: UserRow): Promise<Response> {
  const body = await readBody(request, adminUpdateSchema);
  rejectUnsupportedAdminFields(body);
  const email = body.email ? validateEmail(body.email) : null;
  if (body.password) checkPasswordStrength(body.password);
  return transaction(ctx.db.auth, async (db) => {
    if (email && email !== user.email) await changeEmail(db, user.id, email);
    if (body.password) await setPassword(db, user.id, body.password);
    if (body.password_hash) await db.query(`update auth.users set encrypted_password = $2, updated_at = now() where id = $1`, [user.id, body.password_hash]);
    if (body.user_metadata) await mergeMetadata(db, user.id, "raw_user_meta_data", body.user_metadata);
    if (body.app_metadata) await mergeMetadata(db, user.id, "raw_app_meta_data", body.app_metadata);
    if (body.role) await db.query(`update auth.users set role = $2, updated_at = now() where id = $1`, [user.id, body.role]);
    if (body.email_confirm) await confirmEmail(db, user.id);
    const updated = await findUserById(db, user.id);
    if (!updated) throw new AuthError(404, "user_not_found", "User not found");
    return json(await userJson(db, updated));
  });
}

const pageNumber = (value: string | null, fallback: number, name: string) => {
  if (value === null || value === "") return fallback;
  if (!/^\d+$/.test(value)) throw validationFailed(`Bad Pagination Parameters: ${name} must be a positive integer`);
  return Math.max(1, Number(value));
};

/** GET /admin/users?page&per_page: newest first, with GoTrue's X-Total-Count and Link headers (auth-js reads both). */
async function listUsers(request: Request, ctx: StackContext): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const page = pageNumber(query.get("page"), 1, "page");
  const perPage = Math.min(pageNumber(query.get("per_page"), 50, "per_page"), 1000);
  const total = Number((await ctx.db.auth.query<{ count: string }>(`select count(*) from auth.users where deleted_at is null`)).rows[0].count);
  const ids = await ctx.db.auth.query<{ id: string }>(
    `select id from auth.users where deleted_at is null order by created_at desc, id limit $1 offset $2`,
    [perPage, (page - 1) * perPage],
  );
  const users: JsonObject[] = [];
  for (const { id } of ids.rows) {
    const user = await findUserById(ctx.db.auth, id);
    if (user) users.push(await userJson(ctx.db.auth, user));
  }
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const links = [];
  if (lastPage > page) links.push(`</admin/users?page=${page + 1}&per_page=${perPage}>; rel="next"`);
  links.push(`</admin/users?page=${lastPage}&per_page=${perPage}>; rel="last"`);
  return json({ users, aud: "authenticated" }, 200, { link: links.join(", "), "x-total-count": String(total) });
}

async function deleteUser(request: Request, ctx: StackContext, user: UserRow): Promise<Response> {
  const body = await readBody(request, z.object({ should_soft_delete: z.boolean().nullish() }));
  if (body.should_soft_delete) throw unsupported("Soft deletion of users (should_soft_delete)", 400, "validation_failed");
  try {
    await ctx.db.auth.query(`delete from auth.users where id = $1`, [user.id]);
  } catch (error) {
    if ((error as { code?: unknown }).code === "23503") {
      const detail = (error as { detail?: unknown }).detail;
      throw new AuthError(500, "unexpected_failure", `Database error deleting user: rows of the app still reference it${typeof detail === "string" ? ` (${detail})` : ""}`);
    }
    throw error;
  }
  return json({});
}

const generateLinkSchema = z.object({
  type: z.string(),
  email: text,
  password: text,
  data: metadataSchema.nullish(),
  redirect_to: text,
  redirectTo: text,
  new_email: text,
});

/**
 * POST /admin/generate_link (magiclink, signup, recovery, invite): makes the token without sending mail and answers the
 * user plus properties (action_link, email_otp, hashed_token, verification_type, redirect_to), like GoTrue.
 */
async function generateLink(request: Request, ctx: StackContext): Promise<Response> {
  const body = await readBody(request, generateLinkSchema);
  const email = validateEmail(body.email);
  const redirectTo = safeRedirect(ctx, body.redirect_to ?? body.redirectTo ?? new URL(request.url).searchParams.get("redirect_to"));
  if (!["magiclink", "signup", "recovery", "invite"].includes(body.type)) {
    if (body.type.startsWith("email_change")) {
      throw unsupported("generate_link for email changes (users change their address with updateUser; admins with updateUserById)", 400, "validation_failed");
    }
    throw validationFailed(`Invalid email action link type requested: ${body.type}`);
  }
  return transaction(ctx.db.auth, async (db) => {
    let user = await findUserByEmail(db, email);
    let type = body.type as "magiclink" | "signup" | "recovery" | "invite";
    if (!user) {
      if (type === "recovery") throw new AuthError(404, "user_not_found", "User with this email not found");
      if (type === "magiclink") type = "signup";
      if (type === "signup" && body.password) checkPasswordStrength(body.password);
      user = await createUser(db, {
        email,
        password: type === "invite" ? null : (body.password ?? randomPassword()),
        userMetadata: body.data ?? {},
        confirmed: false,
        invited: type === "invite",
      });
    } else if ((type === "signup" || type === "invite") && user.email_confirmed_at) {
      throw unprocessable("email_exists", "A user with this email address has already been registered");
    } else if (type === "signup" && body.data) {
      await mergeMetadata(db, user.id, "raw_user_meta_data", body.data);
    }
    if (type === "invite") await db.query(`update auth.users set invited_at = now() where id = $1`, [user.id]);
    const kind = type === "signup" || type === "invite" ? "confirmation_token" : "recovery_token";
    const issued = await issueOneTimeToken(db, ctx, user, kind, false, false);
    const fresh = (await findUserById(db, user.id)) ?? user;
    return json({
      ...(await userJson(db, fresh)),
      action_link: verifyLink(ctx, issued.tokenHash, type, redirectTo),
      email_otp: issued.otp,
      hashed_token: issued.tokenHash,
      verification_type: type,
      redirect_to: redirectTo,
    });
  });
}

/** POST /invite (auth.admin.inviteUserByEmail): an unconfirmed user and an invite mail in the local mailbox. */
async function invite(request: Request, ctx: StackContext): Promise<Response> {
  const body = await readBody(request, z.object({ email: text, data: metadataSchema.nullish() }));
  const email = validateEmail(body.email);
  const redirectTo = safeRedirect(ctx, new URL(request.url).searchParams.get("redirect_to"));
  return transaction(ctx.db.auth, async (db) => {
    let user = await findUserByEmail(db, email);
    if (user?.email_confirmed_at) throw unprocessable("email_exists", "A user with this email address has already been registered");
    if (!user) user = await createUser(db, { email, password: null, userMetadata: body.data ?? {}, confirmed: false, invited: true });
    await db.query(`update auth.users set invited_at = now() where id = $1`, [user.id]);
    sendAuthMail(ctx, email, "invite", await issueOneTimeToken(db, ctx, user, "confirmation_token", false, false), redirectTo);
    const fresh = (await findUserById(db, user.id)) ?? user;
    return json(await userJson(db, fresh));
  });
}

/** Everything under /admin plus /invite; the caller must be the service role. */
export async function handleAdmin(request: Request, path: string, caller: AuthCaller, ctx: StackContext): Promise<Response> {
  requireAdmin(caller);
  const method = request.method === "HEAD" ? "GET" : request.method;
  if (path === "/invite" && method === "POST") return invite(request, ctx);
  if (path === "/admin/users") {
    if (method === "GET") return listUsers(request, ctx);
    if (method === "POST") return createUserAsAdmin(request, ctx);
  }
  if (path === "/admin/generate_link" && method === "POST") return generateLink(request, ctx);
  const match = /^\/admin\/users\/([^/]+)$/.exec(path);
  if (match && ["GET", "PUT", "DELETE"].includes(method)) {
    if (!uuidSchema.safeParse(match[1]).success) throw new AuthError(404, "validation_failed", "user_id must be an UUID");
    const user = await findUserById(ctx.db.auth, match[1]);
    if (!user) throw new AuthError(404, "user_not_found", "User not found");
    if (method === "GET") return json(await userJson(ctx.db.auth, user));
    if (method === "PUT") return updateUserAsAdmin(request, ctx, user);
    return deleteUser(request, ctx, user);
  }
  if (/^\/admin\/users\/[^/]+\/factors/.test(path)) throw unsupported("MFA factors (admin API)");
  if (path.startsWith("/admin/sso")) throw unsupported("SSO providers (admin API)");
  if (path.startsWith("/admin/oauth")) throw unsupported("The OAuth server (admin API)");
  throw unsupported(`${request.method} /auth/v1${path}`);
}

