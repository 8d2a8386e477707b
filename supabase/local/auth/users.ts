import { randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type pg from "pg";
import { z } from "zod";
import { AuthError, badRequest, unprocessable, validationFailed } from "./errors.ts";

/** Anything that runs a query: the pool or a client inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;
export type JsonObject = Record<string, unknown>;

export const MIN_PASSWORD_LENGTH = 6;
const MAX_PASSWORD_BYTES = 72; // bcrypt ignores anything longer
const BCRYPT_COST = 10;
export const EMAIL_PROVIDER = "email";

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  phone: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  phone_confirmed_at: Date | null;
  confirmed_at: Date | null;
  invited_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  email_change: string | null;
  email_change_sent_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: JsonObject | null;
  raw_user_meta_data: JsonObject | null;
  created_at: Date | null;
  updated_at: Date | null;
  banned_until: Date | null;
  is_anonymous: boolean;
}

interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: JsonObject;
  provider: string;
  last_sign_in_at: Date | null;
  created_at: Date | null;
  updated_at: Date | null;
  email: string | null;
}

const USER_COLUMNS = `id, aud, role, email, phone, encrypted_password, email_confirmed_at, phone_confirmed_at, confirmed_at,
  invited_at, confirmation_sent_at, recovery_sent_at, email_change, email_change_sent_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, banned_until, is_anonymous`;

const emailSchema = z.email();

/** GoTrue's validateEmail: required, at most 255 characters, a valid address; stored lower-cased. */
export function validateEmail(email: string | undefined | null): string {
  const value = (email ?? "").trim();
  if (!value) throw validationFailed("An email address is required");
  if (value.length > 255) throw validationFailed("An email address is too long");
  const lower = value.toLowerCase();
  if (!emailSchema.safeParse(lower).success) throw validationFailed("Unable to validate email address: invalid format");
  return lower;
}

/** GoTrue's password policy as configured locally: at least 6 characters, bcrypt's 72-byte limit. */
export function checkPasswordStrength(password: string): void {
  if (Buffer.byteLength(password, "utf8") > MAX_PASSWORD_BYTES) {
    throw validationFailed(`Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
  }
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new AuthError(422, "weak_password", `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`, {
      weak_password: { reasons: ["length"] },
    });
  }
}

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);

export async function passwordMatches(user: UserRow, password: string): Promise<boolean> {
  if (!user.encrypted_password) return false;
  try {
    return await bcrypt.compare(password, user.encrypted_password);
  } catch {
    return false;
  }
}

/** A password nobody knows, for users created by a magic link, an invite or the admin API without a password. */
export const randomPassword = () => randomBytes(33).toString("base64url");

const iso = (value: Date | null) => (value ? value.toISOString() : undefined);

/** Removes undefined values so optional timestamps are absent, like GoTrue's `omitempty`. */
function compact(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function identityJson(row: IdentityRow): JsonObject {
  return compact({
    identity_id: row.id,
    id: row.provider_id,
    user_id: row.user_id,
    identity_data: row.identity_data,
    provider: row.provider,
    last_sign_in_at: iso(row.last_sign_in_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    email: row.email ?? undefined,
  });
}

/** The user object of GoTrue's API (models.User JSON), identities included. */
export async function userJson(db: Queryable, user: UserRow): Promise<JsonObject> {
  const identities = await db.query<IdentityRow>(
    `select id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at, email
       from auth.identities where user_id = $1 order by created_at, id`,
    [user.id],
  );
  return compact({
    id: user.id,
    aud: user.aud ?? "",
    role: user.role ?? "",
    email: user.email ?? "",
    email_confirmed_at: iso(user.email_confirmed_at),
    invited_at: iso(user.invited_at),
    phone: user.phone ?? "",
    phone_confirmed_at: iso(user.phone_confirmed_at),
    confirmation_sent_at: iso(user.confirmation_sent_at),
    confirmed_at: iso(user.confirmed_at),
    recovery_sent_at: iso(user.recovery_sent_at),
    new_email: user.email_change || undefined,
    email_change_sent_at: iso(user.email_change_sent_at),
    last_sign_in_at: iso(user.last_sign_in_at),
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    identities: identities.rows.map(identityJson),
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    banned_until: iso(user.banned_until),
    is_anonymous: user.is_anonymous,
  });
}

export async function findUserById(db: Queryable, id: string, forUpdate = false): Promise<UserRow | null> {
  const result = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null${forUpdate ? " for update" : ""}`,
    [id],
  );
  return result.rows[0] ?? null;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const result = await db.query<UserRow>(
    `select ${USER_COLUMNS} from auth.users where email = $1 and is_sso_user = false and deleted_at is null`,
    [email],
  );
  return result.rows[0] ?? null;
}

export async function requireUserById(db: Queryable, id: string): Promise<UserRow> {
  const user = await findUserById(db, id);
  if (!user) throw new AuthError(404, "user_not_found", "User not found");
  return user;
}

export function isBanned(user: UserRow): boolean {
  return user.banned_until !== null && user.banned_until.getTime() > Date.now();
}

export interface NewUser {
  id?: string;
  email: string;
  password: string | null;
  /** bcrypt hash given by an admin instead of a password */
  passwordHash?: string;
  userMetadata: JsonObject;
  appMetadata?: JsonObject;
  role?: string;
  confirmed: boolean;
  invited?: boolean;
}

/**
 * Inserts a user and its email identity as GoTrue does: app_metadata {provider, providers}, the identity's data
 * {sub, email, email_verified, phone_verified} plus the sign-up data, empty strings in the token columns.
 */
export async function createUser(db: Queryable, input: NewUser): Promise<UserRow> {
  if (await findUserByEmail(db, input.email)) {
    throw unprocessable("email_exists", "A user with this email address has already been registered");
  }
  const id = input.id ?? randomUUID();
  const encrypted = input.passwordHash ?? (input.password ? await hashPassword(input.password) : "");
  const appMetadata = { provider: EMAIL_PROVIDER, providers: [EMAIL_PROVIDER], ...input.appMetadata }; // admin values win, as in GoTrue
  const userMetadata = input.confirmed ? { ...input.userMetadata, email_verified: true } : input.userMetadata;
  try {
    await db.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, invited_at,
         confirmation_token, recovery_token, email_change_token_new, email_change, raw_app_meta_data, raw_user_meta_data,
         is_super_admin, created_at, updated_at, is_sso_user, is_anonymous)
       values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', $2, $3, $4,
         case when $5 then now() end, case when $6 then now() end, '', '', '', '', $7, $8, false, now(), now(), false, false)`,
      [id, input.role ?? "authenticated", input.email, encrypted, input.confirmed, input.invited ?? false, appMetadata, userMetadata],
    );
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "23505") throw unprocessable("email_exists", "A user with this email address has already been registered");
    if (code === "22P02") throw validationFailed("ID must conform to the uuid format");
    throw error;
  }
  const identityData: JsonObject = { ...input.userMetadata, sub: id, email: input.email, email_verified: input.confirmed, phone_verified: false };
  await db.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1::text, $1::uuid, $2, 'email', now(), now(), now())`,
    [id, identityData],
  );
  const user = await findUserById(db, id);
  if (!user) throw new Error("user vanished after insert");
  return user;
}

/** Marks the email confirmed (user and identity), like GoTrue's user.Confirm + signupVerify. */
export async function confirmEmail(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '',
       raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb, updated_at = now()
     where id = $1`,
    [userId],
  );
  await db.query(
    `update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb, updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [userId],
  );
  await db.query(`delete from auth.one_time_tokens where user_id = $1`, [userId]);
}

/** Merges metadata like GoTrue's UpdateUserMetaData: keys set to null are removed. */
export async function mergeMetadata(db: Queryable, userId: string, column: "raw_user_meta_data" | "raw_app_meta_data", updates: JsonObject) {
  const nulls = Object.entries(updates).filter(([, value]) => value === null).map(([key]) => key);
  const sets = Object.fromEntries(Object.entries(updates).filter(([, value]) => value !== null));
  await db.query(
    `update auth.users set ${column} = (coalesce(${column}, '{}'::jsonb) || $2::jsonb) - $3::text[], updated_at = now() where id = $1`,
    [userId, sets, nulls],
  );
}

export async function setPassword(db: Queryable, userId: string, password: string): Promise<void> {
  await db.query(`update auth.users set encrypted_password = $2, updated_at = now() where id = $1`, [userId, await hashPassword(password)]);
}

/** The admin API's email change: at once, no mail, the email identity kept in step (users go through requestEmailChange). */
export async function changeEmail(db: Queryable, userId: string, email: string): Promise<void> {
  const other = await findUserByEmail(db, email);
  if (other && other.id !== userId) {
    throw unprocessable("email_exists", "A user with this email address has already been registered");
  }
  await db.query(
    `update auth.users set email = $2, email_change = '', email_change_token_new = '', email_change_token_current = '',
       email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
     where id = $1`,
    [userId, email],
  );
  await db.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', true),
       updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [userId, email],
  );
}

export function rejectPhone(phone: string | undefined | null): void {
  if (phone) throw badRequest("phone_provider_disabled", "Phone sign-in and phone numbers are not supported by the local auth server");
}
