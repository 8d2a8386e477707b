import * as jose from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestStack, type TestStack } from "../../supabase/local/testing.ts";
import { adminClient, authFetch, confirmedUser, newEmail, sql, userClient } from "./auth-helpers.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack(inject("cluster"), { bare: true });
});
afterAll(() => stack?.stop());

describe("admin API (service role)", () => {
  it("creates, reads, updates, lists and deletes users", async () => {
    const admin = adminClient(stack);
    const email = newEmail("admin");
    const created = await admin.auth.admin.createUser({
      email,
      password: "seeded-pass",
      email_confirm: true,
      user_metadata: { display_name: "Grace" },
      app_metadata: { organizer: true },
    });
    expect(created.error).toBeNull();
    const user = created.data.user!;
    expect(user).toMatchObject({
      email: email.toLowerCase(),
      email_confirmed_at: expect.any(String),
      user_metadata: { display_name: "Grace", email_verified: true },
      app_metadata: { provider: "email", providers: ["email"], organizer: true },
      identities: [expect.objectContaining({ provider: "email", user_id: expect.any(String) })],
    });

    const signIn = await userClient(stack).auth.signInWithPassword({ email, password: "seeded-pass" });
    expect(signIn.error).toBeNull();
    expect(jose.decodeJwt(signIn.data.session!.access_token).app_metadata).toMatchObject({ organizer: true });

    expect((await admin.auth.admin.getUserById(user.id)).data.user?.email).toBe(email.toLowerCase());
    const updated = await admin.auth.admin.updateUserById(user.id, {
      user_metadata: { display_name: null, team: "blue" },
      app_metadata: { organizer: false },
      password: "changed-pass",
    });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata).toEqual({ team: "blue", email_verified: true });
    expect(updated.data.user?.app_metadata).toMatchObject({ organizer: false, provider: "email" });
    expect((await userClient(stack).auth.signInWithPassword({ email, password: "changed-pass" })).error).toBeNull();

    const deleted = await admin.auth.admin.deleteUser(user.id);
    expect(deleted.error).toBeNull();
    const gone = await admin.auth.admin.getUserById(user.id);
    expect(gone.error).toMatchObject({ status: 404, code: "user_not_found" });
    const oldSession = await authFetch(stack, "/user", { bearer: signIn.data.session!.access_token });
    expect(oldSession.status).toBe(403);
    expect(await oldSession.json()).toMatchObject({ code: "user_not_found" });
  });

  it("creates a user with a fixed id, unconfirmed by default, and refuses a duplicate email", async () => {
    const admin = adminClient(stack);
    const id = "3f0c7a52-9c1e-4f2a-8d3b-5a6b7c8d9e0f";
    const email = newEmail("fixed");
    const created = await admin.auth.admin.createUser({ id, email, password: "fixed-pass" });
    expect(created.data.user).toMatchObject({ id, email: email.toLowerCase() });
    expect(created.data.user?.email_confirmed_at).toBeUndefined();
    const signIn = await userClient(stack).auth.signInWithPassword({ email, password: "fixed-pass" });
    expect(signIn.error).toMatchObject({ status: 400, code: "email_not_confirmed" });
    const duplicate = await admin.auth.admin.createUser({ email, password: "fixed-pass" });
    expect(duplicate.error).toMatchObject({ status: 422, code: "email_exists" });
  });

  it("pages the user list with total and next page", async () => {
    const admin = adminClient(stack);
    for (let i = 0; i < 3; i++) await admin.auth.admin.createUser({ email: newEmail("page"), email_confirm: true });
    const { count } = (await sql(stack, "select count(*)::int as count from auth.users")).rows[0] as { count: number };
    const first = await admin.auth.admin.listUsers({ page: 1, perPage: 2 });
    expect(first.error).toBeNull();
    expect(first.data.users).toHaveLength(2);
    expect(first.data).toMatchObject({ total: count, nextPage: 2, lastPage: Math.ceil(count / 2) });
    const second = await admin.auth.admin.listUsers({ page: 2, perPage: 2 });
    expect(second.data.users.map((u) => u.id)).not.toContain(first.data.users[0].id);
  });

  it("generates magic-link, signup and recovery links whose hashed_token and email_otp verify", async () => {
    const admin = adminClient(stack);
    const email = newEmail("link");
    const signupLink = await admin.auth.admin.generateLink({ type: "magiclink", email });
    expect(signupLink.error).toBeNull();
    // Unknown email: GoTrue turns the magic link into a sign-up link for a new, unconfirmed user.
    expect(signupLink.data.properties).toMatchObject({
      verification_type: "signup",
      email_otp: expect.stringMatching(/^\d{6}$/),
      hashed_token: expect.stringMatching(/^[0-9a-f]{56}$/),
      action_link: expect.stringContaining(`${stack.url}/auth/v1/verify?token=`),
      redirect_to: "http://localhost:3000",
    });
    expect(signupLink.data.user?.email).toBe(email.toLowerCase());
    const confirmed = await userClient(stack).auth.verifyOtp({ token_hash: signupLink.data.properties!.hashed_token, type: "signup" });
    expect(confirmed.error).toBeNull();
    expect(confirmed.data.user?.email_confirmed_at).toBeTruthy();

    const magic = await admin.auth.admin.generateLink({ type: "magiclink", email });
    expect(magic.data.properties?.verification_type).toBe("magiclink");
    const byCode = await userClient(stack).auth.verifyOtp({ email, token: magic.data.properties!.email_otp, type: "email" });
    expect(byCode.error).toBeNull();

    const recovery = await admin.auth.admin.generateLink({ type: "recovery", email, options: { redirectTo: "http://localhost:3000/reset" } });
    expect(recovery.data.properties?.redirect_to).toBe("http://localhost:3000/reset");
    const click = await fetch(recovery.data.properties!.action_link, { redirect: "manual" });
    expect(click.headers.get("location")).toMatch(/^http:\/\/localhost:3000\/reset#access_token=.*type=recovery/);

    const unknownRecovery = await admin.auth.admin.generateLink({ type: "recovery", email: newEmail() });
    expect(unknownRecovery.error).toMatchObject({ status: 404, code: "user_not_found" });
  });

  it("invites a user: an invite mail whose link confirms the address", async () => {
    const email = newEmail("invite");
    const invited = await adminClient(stack).auth.admin.inviteUserByEmail(email);
    expect(invited.error).toBeNull();
    expect(invited.data.user).toMatchObject({ email: email.toLowerCase(), invited_at: expect.any(String) });
    const mail = stack.mailbox.list(email)[0];
    expect(mail.type).toBe("invite");
    const verified = await userClient(stack).auth.verifyOtp({ token_hash: mail.tokenHash!, type: "invite" });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.email_confirmed_at).toBeTruthy();
  });

  it("refuses admin calls without the service role", async () => {
    const asAnon = adminClient(stack, stack.keys.publishableKey);
    const denied = await asAnon.auth.admin.createUser({ email: newEmail(), password: "secret-123" });
    expect(denied.error).toMatchObject({ status: 403, code: "not_admin" });

    const { session } = await confirmedUser(stack);
    const asUser = await authFetch(stack, "/admin/users", { bearer: session.access_token });
    expect(asUser.status).toBe(403);
    expect(await asUser.json()).toMatchObject({ code: "not_admin" });
  });
});

describe("legacy JWT API keys", () => {
  it("work as anon key for the user flows and as service_role key for admin", async () => {
    const { email, client, user } = await confirmedUser(stack, { label: "legacy", key: stack.keys.anonKey, password: "legacy-pass" });
    expect((await client.auth.getUser()).data.user?.email).toBe(email);

    const admin = adminClient(stack, stack.keys.serviceRoleKey);
    const found = await admin.auth.admin.getUserById(user.id);
    expect(found.data.user?.email).toBe(email);
    const deniedWithAnon = await adminClient(stack, stack.keys.anonKey).auth.admin.listUsers();
    expect(deniedWithAnon.error).toMatchObject({ status: 403, code: "not_admin" });
  });
});

describe("errors", () => {
  it("requires an API key", async () => {
    const response = await authFetch(stack, "/settings", { apikey: null });
    expect(response.status).toBe(401);
    const wrong = await authFetch(stack, "/settings", { apikey: "sb_publishable_wrong" });
    expect(wrong.status).toBe(401);
  });

  it("answers /user without a bearer 401 no_authorization, with a bad or expired JWT 403 bad_jwt", async () => {
    const missing = await authFetch(stack, "/user");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("x-supabase-api-version")).toBe("2024-01-01");
    expect(await missing.json()).toMatchObject({ code: "no_authorization", message: "This endpoint requires a valid Bearer token" });

    const garbage = await authFetch(stack, "/user", { bearer: "not.a.jwt" });
    expect(garbage.status).toBe(403);
    expect(await garbage.json()).toMatchObject({ code: "bad_jwt" });

    const now = Math.floor(Date.now() / 1000);
    const expired = await stack.keys.signAccessToken({ role: "authenticated", sub: crypto.randomUUID(), iat: now - 7200, exp: now - 3600 });
    const expiredResponse = await authFetch(stack, "/user", { bearer: expired });
    expect(expiredResponse.status).toBe(403);
    expect(await expiredResponse.json()).toMatchObject({ code: "bad_jwt" });

    const ghost = await stack.keys.signAccessToken({ role: "authenticated", sub: crypto.randomUUID(), exp: now + 600 });
    const ghostResponse = await userClient(stack).auth.getUser(ghost);
    expect(ghostResponse.error).toMatchObject({ status: 403, code: "user_not_found" });

    const anonAsBearer = await authFetch(stack, "/user", { bearer: stack.keys.anonKey });
    expect(anonAsBearer.status).toBe(403);
    expect(await anonAsBearer.json()).toMatchObject({ code: "bad_jwt" });
  });

  it("answers bad input 400 (bad_json, validation_failed), never 500", async () => {
    const badJson = await authFetch(stack, "/signup", { method: "POST", body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ code: "bad_json" });

    for (const [path, body] of [
      ["/signup", { email: 42, password: ["x"] }],
      ["/token?grant_type=password", { email: { a: 1 }, password: "x" }],
      ["/token?grant_type=refresh_token", {}],
      ["/otp", { email: "x@example.com", create_user: "yes" }],
      ["/verify", { type: "email", token: "123456" }],
      ["/verify", { type: "email", token_hash: "abc", token: "123456", email: "x@example.com" }],
      ["/verify", { type: "nonsense", token_hash: "abc" }],
      ["/otp", { email: "x@example.com", code_challenge: "short", code_challenge_method: "s256" }],
    ] as const) {
      const response = await authFetch(stack, path, { method: "POST", body: JSON.stringify(body) });
      expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.headers.get("x-supabase-api-version")).toBe("2024-01-01");
      expect(await response.json()).toMatchObject({ code: "validation_failed", message: expect.any(String) });
    }

    const admin = adminClient(stack);
    const badId = await authFetch(stack, "/admin/users/not-a-uuid", { bearer: stack.keys.secretKey, apikey: stack.keys.secretKey });
    expect(badId.status).toBe(404);
    const missing = await admin.auth.admin.getUserById(crypto.randomUUID());
    expect(missing.error).toMatchObject({ status: 404, code: "user_not_found" });
    const target = (await admin.auth.admin.createUser({ email: newEmail("bad-update") })).data.user!;
    const badUpdate = await authFetch(stack, `/admin/users/${target.id}`, {
      method: "PUT",
      body: JSON.stringify({ user_metadata: "nope" }),
      apikey: stack.keys.secretKey,
    });
    expect(badUpdate.status).toBe(400);
    expect(await badUpdate.json()).toMatchObject({ code: "validation_failed" });
    const badCreate = await admin.auth.admin.createUser({ email: "not-an-email", password: "secret-123" });
    expect(badCreate.error).toMatchObject({ status: 400, code: "validation_failed" });
  });

  it("names what the local server does not support", async () => {
    const client = userClient(stack);
    const anonymous = await client.auth.signInAnonymously();
    expect(anonymous.error).toMatchObject({ status: 422, code: "anonymous_provider_disabled" });
    const phone = await client.auth.signInWithOtp({ phone: "+33600000000" });
    expect(phone.error).toMatchObject({ status: 400, code: "phone_provider_disabled" });
    const idToken = await client.auth.signInWithIdToken({ provider: "google", token: "x" });
    expect(idToken.error).toMatchObject({ status: 400, code: "provider_disabled" });

    const authorize = await fetch(`${stack.url}/auth/v1/authorize?provider=github`);
    expect(authorize.status).toBe(400);
    expect(await authorize.json()).toMatchObject({ code: "provider_disabled", message: expect.stringContaining("OAuth sign-in with github") });

    const { session } = await confirmedUser(stack);
    const factors = await authFetch(stack, "/factors", { method: "POST", bearer: session.access_token, body: "{}" });
    expect(factors.status).toBe(501);
    expect(await factors.json()).toMatchObject({ code: "not_implemented", message: expect.stringContaining("MFA") });
    const grant = await authFetch(stack, "/token?grant_type=magic", { method: "POST", body: "{}" });
    expect(grant.status).toBe(400);
  });

  it("reports truthful settings and health", async () => {
    const settings = await (await authFetch(stack, "/settings")).json();
    // config.toml: sign-up on, confirmations on (GoTrue reports the latter as mailer_autoconfirm false).
    expect(settings).toMatchObject({ external: { email: true, phone: false, google: false }, mailer_autoconfirm: false, disable_signup: false });
    const health = await authFetch(stack, "/health");
    expect(health.status).toBe(200);
  });
});
