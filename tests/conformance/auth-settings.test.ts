// config.toml's [auth] settings as Supabase Auth applies them: secure email change, sign-up off, redirects.
import * as jose from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestStack, type TestStack } from "../../supabase/local/testing.ts";
import { adminClient, confirmedUser, lastMail, newEmail, sql, userClient } from "./auth-helpers.ts";

const SINGLE = "Confirmation link accepted. Please proceed to confirm link sent to the other email";

describe("secure email change (double_confirm_changes, confirmations on: config.toml)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true });
  });
  afterAll(() => stack?.stop());

  it("changes nothing until both addresses confirm (codes); then the user, the identity and new tokens carry the new address", async () => {
    const { email, password, client, user } = await confirmedUser(stack);
    const target = newEmail("moved").toLowerCase();
    const requested = await client.auth.updateUser({ email: target });
    expect(requested.error).toBeNull();
    expect(requested.data.user).toMatchObject({ email, new_email: target, email_change_sent_at: expect.any(String) });

    const toCurrent = lastMail(stack, email);
    const toNew = lastMail(stack, target);
    expect(toCurrent).toMatchObject({ type: "email_change", subject: "Confirm Email Change", otp: expect.stringMatching(/^\d{6}$/) });
    expect(toNew).toMatchObject({ type: "email_change", otp: expect.stringMatching(/^\d{6}$/) });
    expect(toCurrent.tokenHash).not.toBe(toNew.tokenHash);

    // The probe's route: refresh right away, the token still says the old address; the row too.
    const refreshed = await client.auth.refreshSession();
    expect(jose.decodeJwt(refreshed.data.session!.access_token).email).toBe(email);
    expect((await sql(stack, "select email from auth.users where id = $1", [user.id])).rows[0].email).toBe(email);

    const first = await userClient(stack).auth.verifyOtp({ email: target, token: toNew.otp!, type: "email_change" });
    expect(first.error).toBeNull();
    expect(first.data.session).toBeNull();
    const status = await sql(stack, "select email, email_change_confirm_status from auth.users where id = $1", [user.id]);
    expect(status.rows[0]).toEqual({ email, email_change_confirm_status: 1 });
    const replay = await userClient(stack).auth.verifyOtp({ email: target, token: toNew.otp!, type: "email_change" });
    expect(replay.error).toMatchObject({ status: 403, code: "otp_expired" });

    const second = await userClient(stack).auth.verifyOtp({ email, token: toCurrent.otp!, type: "email_change" });
    expect(second.error).toBeNull();
    expect(second.data.user).toMatchObject({ id: user.id, email: target });
    expect(jose.decodeJwt(second.data.session!.access_token).email).toBe(target);
    const after = await client.auth.refreshSession();
    expect(jose.decodeJwt(after.data.session!.access_token).email).toBe(target);
    const row = await sql(stack, "select u.email, u.email_change, i.identity_data->>'email' as identity from auth.users u join auth.identities i on i.user_id = u.id where u.id = $1", [user.id]);
    expect(row.rows[0]).toEqual({ email: target, email_change: "", identity: target });
    expect((await userClient(stack).auth.signInWithPassword({ email: target, password })).error).toBeNull();
    expect((await userClient(stack).auth.signInWithPassword({ email, password })).error).toMatchObject({ code: "invalid_credentials" });
  });

  it("accepts the links' token hashes too (POST token_hash, and a clicked link answers the single-confirmation message)", async () => {
    const { email, client, user } = await confirmedUser(stack);
    const target = newEmail("linked").toLowerCase();
    expect((await client.auth.updateUser({ email: target }, { emailRedirectTo: "http://localhost:3000/done" })).error).toBeNull();
    const toCurrent = lastMail(stack, email);
    const toNew = lastMail(stack, target);
    expect(toCurrent.link).toContain("type=email_change");

    const click = await fetch(toCurrent.link!, { redirect: "manual" });
    expect(click.status).toBe(303);
    const location = new URL(click.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:3000/done");
    expect(new URLSearchParams(location.hash.slice(1)).get("message")).toBe(SINGLE);
    expect((await sql(stack, "select email from auth.users where id = $1", [user.id])).rows[0].email).toBe(email);

    const second = await userClient(stack).auth.verifyOtp({ token_hash: toNew.tokenHash!, type: "email_change" });
    expect(second.error).toBeNull();
    expect(second.data.user?.email).toBe(target);
  });

  it("refuses a code sent to the other address, a taken address, and a second request within max_frequency", async () => {
    const { email, client } = await confirmedUser(stack);
    const taken = await confirmedUser(stack);
    expect((await client.auth.updateUser({ email: taken.email })).error).toMatchObject({ status: 422, code: "email_exists" });
    const target = newEmail("swap").toLowerCase();
    expect((await client.auth.updateUser({ email: target })).error).toBeNull();
    const wrongPair = await userClient(stack).auth.verifyOtp({ email: target, token: lastMail(stack, email).otp!, type: "email_change" });
    expect(wrongPair.error).toMatchObject({ status: 403, code: "otp_expired" });
    const again = await client.auth.updateUser({ email: newEmail("again") });
    expect(again.error).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
    expect(again.error?.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
  });

  it("lets the admin API change an address at once, as GoTrue's admin API does", async () => {
    const { user } = await confirmedUser(stack);
    const target = newEmail("admin-moved").toLowerCase();
    const updated = await adminClient(stack).auth.admin.updateUserById(user.id, { email: target });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.email).toBe(target);
    expect(stack.mailbox.list(target)).toHaveLength(0);
  });
});

describe("email change without double_confirm_changes", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true, auth: { doubleConfirmChanges: false } });
  });
  afterAll(() => stack?.stop());

  it("mails only the new address, whose confirmation applies the change", async () => {
    const { email, client, user } = await confirmedUser(stack);
    const target = newEmail("single").toLowerCase();
    const mailsToCurrent = stack.mailbox.list(email).length;
    expect((await client.auth.updateUser({ email: target })).error).toBeNull();
    expect(stack.mailbox.list(email)).toHaveLength(mailsToCurrent);
    const verified = await userClient(stack).auth.verifyOtp({ email: target, token: lastMail(stack, target).otp!, type: "email_change" });
    expect(verified.error).toBeNull();
    expect(verified.data.user).toMatchObject({ id: user.id, email: target });
  });
});

describe("sign-up off ([auth] enable_signup = false)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true, auth: { enableSignup: false } });
  });
  afterAll(() => stack?.stop());

  it("refuses /signup and a first sign-in by code, but mails a code to an existing user; /settings says so", async () => {
    const client = userClient(stack);
    const signUp = await client.auth.signUp({ email: newEmail(), password: "secret-123" });
    expect(signUp.error).toMatchObject({ status: 422, code: "signup_disabled", message: "Signups not allowed for this instance" });
    // GoTrue's /otp with create_user (supabase-js's default) goes through Signup, hence signup_disabled …
    const created = await client.auth.signInWithOtp({ email: newEmail() });
    expect(created.error).toMatchObject({ status: 422, code: "signup_disabled" });
    // … and with shouldCreateUser false it answers otp_disabled.
    const notCreated = await client.auth.signInWithOtp({ email: newEmail(), options: { shouldCreateUser: false } });
    expect(notCreated.error).toMatchObject({ status: 422, code: "otp_disabled", message: "Signups not allowed for otp" });

    const email = newEmail("existing").toLowerCase();
    expect((await adminClient(stack).auth.admin.createUser({ email, email_confirm: true })).error).toBeNull();
    expect((await client.auth.signInWithOtp({ email })).error).toBeNull();
    expect(lastMail(stack, email)).toMatchObject({ type: "magiclink" });

    const settings = (await (await fetch(`${stack.url}/auth/v1/settings`, { headers: { apikey: stack.keys.publishableKey } })).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({ disable_signup: true, mailer_autoconfirm: false });
  });
});

describe("email provider off ([auth.email] enable_signup = false)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true, auth: { emailEnabled: false } });
  });
  afterAll(() => stack?.stop());

  it("refuses every email sign-up and sign-in with GoTrue's email_provider_disabled", async () => {
    const email = newEmail("off").toLowerCase();
    expect((await adminClient(stack).auth.admin.createUser({ email, password: "secret-123", email_confirm: true })).error).toBeNull();
    const client = userClient(stack);
    expect((await client.auth.signUp({ email: newEmail(), password: "secret-123" })).error).toMatchObject({ status: 400, code: "email_provider_disabled" });
    expect((await client.auth.signInWithOtp({ email })).error).toMatchObject({ status: 422, code: "email_provider_disabled" });
    expect((await client.auth.signInWithPassword({ email, password: "secret-123" })).error).toMatchObject({ status: 422, code: "email_provider_disabled" });
    const settings = (await (await fetch(`${stack.url}/auth/v1/settings`, { headers: { apikey: stack.keys.publishableKey } })).json()) as { external: { email: boolean } };
    expect(settings.external.email).toBe(false);
  });
});

describe("confirmations off ([auth.email] enable_confirmations = false)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true, auth: { enableConfirmations: false } });
  });
  afterAll(() => stack?.stop());

  it("signs up with a session at once and refuses a repeat with user_already_exists, as GoTrue's autoconfirm does", async () => {
    const email = newEmail("auto");
    const signUp = await userClient(stack).auth.signUp({ email, password: "secret-123" });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session?.access_token).toBeTruthy();
    const again = await userClient(stack).auth.signUp({ email, password: "secret-123" });
    expect(again.error).toMatchObject({ status: 422, code: "user_already_exists" });
    const settings = (await (await fetch(`${stack.url}/auth/v1/settings`, { headers: { apikey: stack.keys.publishableKey } })).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({ mailer_autoconfirm: true });
  });
});

describe("redirects (site_url, additional_redirect_urls)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true });
  });
  afterAll(() => stack?.stop());

  it("follows a redirect to the site URL (any port on localhost), a loopback IP or the allow list; else the site URL", async () => {
    const target = async (redirectTo: string) => {
      const { email } = await confirmedUser(stack);
      await userClient(stack).auth.signInWithOtp({ email, options: { emailRedirectTo: redirectTo } });
      const link = new URL(lastMail(stack, email).link!);
      return link.searchParams.get("redirect_to");
    };
    expect(await target("http://localhost:3000/e/demo/auth/confirm?next=%2Fe%2Fdemo")).toBe("http://localhost:3000/e/demo/auth/confirm?next=%2Fe%2Fdemo");
    expect(await target("http://127.0.0.1:3000/admin")).toBe("http://127.0.0.1:3000/admin");
    expect(await target("http://localhost:3101/auth/confirm")).toBe("http://localhost:3101/auth/confirm");
    expect(await target("http://127.0.0.1:3101/auth/confirm")).toBe("http://127.0.0.1:3101/auth/confirm");
    expect(await target("https://localhost:3000/x")).toBe("http://localhost:3000");
    expect(await target("https://evil.example/steal")).toBe("http://localhost:3000");
    expect(await target("http://localhost.evil.example:3000/")).toBe("http://localhost:3000");
    expect(await target("http://2130706433/")).toBe("http://localhost:3000");
  });
});
