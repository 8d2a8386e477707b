import type { StackContext } from "../context.ts";
import { forbidden, unprocessable } from "./errors.ts";
import { deliverAuthMail, generateOtp, PKCE_PREFIX, spendMailBudget, tokenHashOf, type IssuedToken } from "./otp.ts";
import { checkSendFrequency } from "./rate-limit.ts";
import { findUserByEmail, findUserById, type Queryable, type UserRow } from "./users.ts";

/** GoTrue's answer when the first of the two addresses of a secure email change is confirmed. */
export const SINGLE_CONFIRMATION_ACCEPTED = "Confirmation link accepted. Please proceed to confirm link sent to the other email";

type ChangeTokenType = "email_change_token_current" | "email_change_token_new";

async function storeToken(db: Queryable, userId: string, type: ChangeTokenType, tokenHash: string, address: string) {
  await db.query(
    `insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values ($1, $2, $3, $4, now(), now())
     on conflict (user_id, token_type) do update
       set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = now(), updated_at = now()`,
    [userId, type, tokenHash, address],
  );
}

/**
 * PUT /user with a new email (GoTrue's sendEmailChange): nothing changes yet. The new address gets a code and a link;
 * with double_confirm_changes the current address gets its own. `new_email` and `email_change_sent_at` show the
 * pending change; max_frequency applies to email_change_sent_at.
 */
export async function requestEmailChange(
  db: Queryable,
  ctx: StackContext,
  user: UserRow,
  newEmail: string,
  pkce: boolean,
  redirectTo: string,
): Promise<void> {
  const { auth } = ctx.config;
  checkSendFrequency(user.email_change_sent_at, auth);
  const prefix = pkce ? PKCE_PREFIX : "";
  const otpNew = generateOtp(auth.otpLength);
  const toNew: IssuedToken = { otp: otpNew, tokenHash: prefix + tokenHashOf(newEmail, otpNew) };
  let toCurrent: IssuedToken | null = null;
  if (auth.doubleConfirmChanges && user.email) {
    const otpCurrent = generateOtp(auth.otpLength);
    toCurrent = { otp: otpCurrent, tokenHash: prefix + tokenHashOf(user.email, otpCurrent) };
  }
  spendMailBudget(ctx); // one send for both mails, as in GoTrue
  await db.query(
    `update auth.users set email_change = $2, email_change_token_new = $3, email_change_token_current = $4,
       email_change_confirm_status = 0, email_change_sent_at = now(), updated_at = now()
     where id = $1`,
    [user.id, newEmail, toNew.tokenHash, toCurrent?.tokenHash ?? ""],
  );
  await db.query(`delete from auth.one_time_tokens where user_id = $1 and token_type like 'email_change_token_%'`, [user.id]);
  await storeToken(db, user.id, "email_change_token_new", toNew.tokenHash, newEmail);
  if (toCurrent && user.email) {
    await storeToken(db, user.id, "email_change_token_current", toCurrent.tokenHash, user.email);
    deliverAuthMail(ctx, user.email, "email_change", toCurrent, redirectTo);
  }
  deliverAuthMail(ctx, newEmail, "email_change", toNew, redirectTo);
}

interface ChangeTokenRow {
  id: string;
  user_id: string;
  token_type: ChangeTokenType;
  token_hash: string;
  expired: boolean;
}

export type EmailChangeOutcome = { done: false } | { done: true; user: UserRow; pkce: boolean };

/**
 * verify type email_change, by token_hash (links) or email + code (GoTrue's emailChangeVerify). With confirmations and
 * double_confirm_changes on, the first confirmed address only records it (email_change_confirm_status 1) and answers
 * "confirm the other one"; the second applies the change: auth.users.email and the email identity become the new
 * address, confirmed, and every pending token goes.
 */
export async function verifyEmailChange(
  db: Queryable,
  ctx: StackContext,
  lookup: { tokenHash: string } | { email: string; otp: string },
): Promise<EmailChangeOutcome> {
  const { auth } = ctx.config;
  const expiry = `created_at < now()::timestamp - make_interval(secs => ${Number(auth.otpExpirySeconds)}) as expired`;
  let row: ChangeTokenRow | undefined;
  let notFound;
  if ("tokenHash" in lookup) {
    notFound = forbidden("otp_expired", "Email link is invalid or has expired");
    const result = await db.query<ChangeTokenRow>(
      `select id, user_id, token_type, token_hash, ${expiry} from auth.one_time_tokens
        where token_hash = $1 and token_type like 'email_change_token_%' for update`,
      [lookup.tokenHash],
    );
    row = result.rows[0];
  } else {
    notFound = forbidden("otp_expired", "Token has expired or is invalid");
    const hash = tokenHashOf(lookup.email, lookup.otp);
    // The code of an address: the current one's token was sent to user.email, the new one's to email_change.
    const result = await db.query<ChangeTokenRow>(
      `select id, user_id, token_type, token_hash, ${expiry} from auth.one_time_tokens
        where token_hash in ($1, $2) and relates_to = $3 and token_type like 'email_change_token_%' for update`,
      [hash, PKCE_PREFIX + hash, lookup.email],
    );
    row = result.rows[0];
  }
  if (!row || row.expired) throw notFound;
  const user = await findUserById(db, row.user_id, true);
  if (!user || !user.email_change) throw notFound;
  if (user.banned_until && user.banned_until.getTime() > Date.now()) throw forbidden("user_banned", "User is banned");
  const pkce = row.token_hash.startsWith(PKCE_PREFIX);

  const status = await db.query<{ status: number }>(`select coalesce(email_change_confirm_status, 0) as status from auth.users where id = $1`, [user.id]);
  if (auth.enableConfirmations && auth.doubleConfirmChanges && user.email && status.rows[0]?.status === 0) {
    const column = row.token_type;
    await db.query(`update auth.users set email_change_confirm_status = 1, ${column} = '' where id = $1`, [user.id]);
    await db.query(`delete from auth.one_time_tokens where id = $1`, [row.id]);
    return { done: false };
  }

  const taken = await findUserByEmail(db, user.email_change);
  if (taken && taken.id !== user.id) throw unprocessable("email_exists", "A user with this email address has already been registered");
  await db.query(
    `update auth.users set email = email_change, email_change = '', email_change_token_current = '', email_change_token_new = '',
       email_change_confirm_status = 0, email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
     where id = $1`,
    [user.id],
  );
  await db.query(
    `update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text, 'email_verified', true),
       updated_at = now()
     where user_id = $1 and provider = 'email'`,
    [user.id, user.email_change],
  );
  await db.query(`delete from auth.one_time_tokens where user_id = $1`, [user.id]);
  const changed = await findUserById(db, user.id);
  if (!changed) throw notFound;
  return { done: true, user: changed, pkce };
}
