import { isAuthSessionMissingError, isAuthWeakPasswordError } from "@supabase/supabase-js";
import * as jose from "jose";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createTestStack, type TestStack } from "../../supabase/local/testing.ts";
import { authFetch, confirmedUser, lastMail, newEmail, sql, userClient } from "./auth-helpers.ts";

let stack: TestStack;
beforeAll(async () => {
  stack = await createTestStack(inject("cluster"), { bare: true });
});
afterAll(() => stack?.stop());

/** Signed up and confirmed with the emailed code (config.toml: confirmations on). */
const signedUp = (password = "secret-123", data: Record<string, unknown> = {}) => confirmedUser(stack, { password, data });

describe("sign-up and password sign-in", () => {
  it("signs up unconfirmed: no session, a confirmation mail whose code confirms and signs in with GoTrue's claims", async () => {
    const pending = newEmail("pending");
    const client = userClient(stack);
    const signUp = await client.auth.signUp({ email: pending, password: "secret-123", options: { data: { display_name: "Ada" } } });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session).toBeNull();
    expect(signUp.data.user).toMatchObject({ email: pending.toLowerCase(), confirmation_sent_at: expect.any(String) });
    expect(signUp.data.user?.email_confirmed_at).toBeUndefined();
    const mail = lastMail(stack, pending);
    expect(mail).toMatchObject({ type: "signup", subject: "Confirm Your Signup", otp: expect.stringMatching(/^\d{6}$/) });
    expect(mail.link).toContain("type=signup");
    const refused = await userClient(stack).auth.signInWithPassword({ email: pending, password: "secret-123" });
    expect(refused.error).toMatchObject({ status: 400, code: "email_not_confirmed", message: "Email not confirmed" });
    expect((await sql(stack, "select email_confirmed_at from auth.users where email = $1", [pending.toLowerCase()])).rows[0].email_confirmed_at).toBeNull();

    const { email, session, user } = await signedUp("secret-123", { display_name: "Ada" });
    expect(session).toMatchObject({ token_type: "bearer", expires_in: 3600, refresh_token: expect.any(String) });
    expect(session.expires_at).toBeGreaterThan(Date.now() / 1000 + 3500);
    expect(user).toMatchObject({
      email,
      aud: "authenticated",
      role: "authenticated",
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: { display_name: "Ada", email_verified: true },
      is_anonymous: false,
      email_confirmed_at: expect.any(String),
    });
    expect(user.identities).toEqual([
      expect.objectContaining({ provider: "email", id: user.id, user_id: user.id, identity_id: expect.any(String), email }),
    ]);

    const header = jose.decodeProtectedHeader(session.access_token);
    expect(header).toMatchObject({ alg: "ES256", kid: expect.any(String) });
    const claims = jose.decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      aud: "authenticated",
      iss: `${stack.url}/auth/v1`,
      sub: user.id,
      email,
      phone: "",
      role: "authenticated",
      aal: "aal1",
      amr: [{ method: "otp", timestamp: expect.any(Number) }],
      session_id: expect.any(String),
      is_anonymous: false,
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: { display_name: "Ada", email_verified: true },
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it("answers a sign-up for a confirmed address with an obfuscated user: no session, no mail, nothing changed", async () => {
    const { email, user, password } = await signedUp();
    const mailsBefore = stack.mailbox.list(email).length;
    const again = await userClient(stack).auth.signUp({ email, password: "another-1", options: { data: { evil: true } } });
    expect(again.error).toBeNull();
    expect(again.data.session).toBeNull();
    expect(again.data.user).toMatchObject({ email, identities: [], user_metadata: { evil: true } });
    expect(again.data.user?.id).not.toBe(user.id);
    expect(stack.mailbox.list(email).length).toBe(mailsBefore);
    expect((await userClient(stack).auth.signInWithPassword({ email, password })).error).toBeNull();
    expect((await userClient(stack).auth.signInWithPassword({ email, password: "another-1" })).error).toMatchObject({ code: "invalid_credentials" });
  });

  it("re-sends the confirmation to an unconfirmed address without changing its password or metadata", async () => {
    const email = newEmail("twice").toLowerCase();
    await userClient(stack).auth.signUp({ email, password: "first-pass", options: { data: { who: "owner" } } });
    await sql(stack, "update auth.users set confirmation_sent_at = now() - interval '2 minutes' where email = $1", [email]);
    const again = await userClient(stack).auth.signUp({ email, password: "attacker-pass", options: { data: { who: "attacker" } } });
    expect(again.error).toBeNull();
    expect(again.data.session).toBeNull();
    expect(stack.mailbox.list(email)).toHaveLength(2);
    const mail = lastMail(stack, email);
    const verified = await userClient(stack).auth.verifyOtp({ email, token: mail.otp!, type: "email" });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.user_metadata).toMatchObject({ who: "owner" });
    expect((await userClient(stack).auth.signInWithPassword({ email, password: "attacker-pass" })).error).toMatchObject({ code: "invalid_credentials" });
    expect((await userClient(stack).auth.signInWithPassword({ email, password: "first-pass" })).error).toBeNull();
  });

  it("refuses a weak password and a malformed email", async () => {
    const client = userClient(stack);

    const weak = await client.auth.signUp({ email: newEmail(), password: "12345" });
    expect(isAuthWeakPasswordError(weak.error)).toBe(true);
    expect(weak.error).toMatchObject({ status: 422, code: "weak_password", reasons: ["length"] });

    const malformed = await client.auth.signUp({ email: "not-an-email", password: "secret-123" });
    expect(malformed.error).toMatchObject({ status: 400, code: "validation_failed" });
  });

  it("signs in with the right password only, with the same message for an unknown email", async () => {
    const { email, password, user } = await signedUp();
    const client = userClient(stack);
    const ok = await client.auth.signInWithPassword({ email: email.toUpperCase(), password });
    expect(ok.error).toBeNull();
    expect(ok.data.user?.id).toBe(user.id);
    expect(ok.data.session?.access_token).toBeTruthy();

    const wrong = await client.auth.signInWithPassword({ email, password: "wrong-password" });
    expect(wrong.error).toMatchObject({ status: 400, code: "invalid_credentials", message: "Invalid login credentials" });
    const unknown = await client.auth.signInWithPassword({ email: newEmail(), password });
    expect(unknown.error).toMatchObject({ status: 400, code: "invalid_credentials", message: "Invalid login credentials" });
  });
});

describe("the signed-in user", () => {
  it("reads the user, merges metadata and changes the password", async () => {
    const { email, password, client, user } = await signedUp("secret-123", { keep: 1, drop: 2 });
    const got = await client.auth.getUser();
    expect(got.error).toBeNull();
    expect(got.data.user).toMatchObject({ id: user.id, email });

    const updated = await client.auth.updateUser({ data: { drop: null, added: "yes" } });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata).toEqual({ keep: 1, added: "yes", email_verified: true });

    const same = await client.auth.updateUser({ password });
    expect(same.error).toMatchObject({ status: 422, code: "same_password" });
    const weak = await client.auth.updateUser({ password: "123" });
    expect(weak.error).toMatchObject({ status: 422, code: "weak_password" });
    expect((await client.auth.updateUser({ password: "new-secret-456" })).error).toBeNull();

    const other = userClient(stack);
    expect((await other.auth.signInWithPassword({ email, password })).error).toMatchObject({ code: "invalid_credentials" });
    const fresh = await other.auth.signInWithPassword({ email, password: "new-secret-456" });
    expect(fresh.error).toBeNull();
    expect(fresh.data.user?.user_metadata).toMatchObject({ keep: 1, added: "yes" });
  });

  it("signs out: /user then answers 403 session_not_found and the refresh token is gone", async () => {
    const { client, session } = await signedUp();
    expect((await client.auth.signOut()).error).toBeNull();

    const user = await authFetch(stack, "/user", { bearer: session.access_token });
    expect(user.status).toBe(403);
    expect(user.headers.get("x-supabase-api-version")).toBe("2024-01-01");
    expect(await user.json()).toMatchObject({ code: "session_not_found" });

    const viaClient = await userClient(stack).auth.getUser(session.access_token);
    expect(isAuthSessionMissingError(viaClient.error)).toBe(true);

    const refreshed = await userClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refreshed.error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
  });

  it("signs out locally or the other sessions only", async () => {
    const { email, password, session: first } = await signedUp();
    const second = (await userClient(stack).auth.signInWithPassword({ email, password })).data.session!;
    const third = (await userClient(stack).auth.signInWithPassword({ email, password })).data.session!;

    const others = await authFetch(stack, "/logout?scope=others", { method: "POST", bearer: first.access_token });
    expect(others.status).toBe(204);
    expect((await authFetch(stack, "/user", { bearer: first.access_token })).status).toBe(200);
    expect((await authFetch(stack, "/user", { bearer: second.access_token })).status).toBe(403);

    const fourth = (await userClient(stack).auth.signInWithPassword({ email, password })).data.session!;
    const local = await authFetch(stack, "/logout?scope=local", { method: "POST", bearer: fourth.access_token });
    expect(local.status).toBe(204);
    expect((await authFetch(stack, "/user", { bearer: fourth.access_token })).status).toBe(403);
    expect((await authFetch(stack, "/user", { bearer: first.access_token })).status).toBe(200);
    expect((await authFetch(stack, "/user", { bearer: third.access_token })).status).toBe(403);
  });
});

describe("refresh-token rotation", () => {
  it("rotates: a new refresh token, a new access token for the same session", async () => {
    const { client, session } = await signedUp();
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session?.refresh_token).not.toBe(session.refresh_token);
    const before = jose.decodeJwt(session.access_token);
    const after = jose.decodeJwt(data.session!.access_token);
    expect(after.session_id).toBe(before.session_id);
    expect(after.amr).toEqual(before.amr);
    const rows = await sql(stack, "select token, revoked, parent from auth.refresh_tokens where session_id = $1 order by id", [before.session_id]);
    expect(rows.rows).toEqual([
      { token: session.refresh_token, revoked: true, parent: null },
      { token: data.session!.refresh_token, revoked: false, parent: session.refresh_token },
    ]);
  });

  it("lets concurrent refreshes of one token all succeed with the same child token", async () => {
    const { session } = await signedUp();
    const results = await Promise.all(
      [1, 2, 3].map(() => userClient(stack).auth.refreshSession({ refresh_token: session.refresh_token })),
    );
    for (const result of results) expect(result.error).toBeNull();
    const tokens = new Set(results.map((result) => result.data.session!.refresh_token));
    expect(tokens.size).toBe(1);
    expect(tokens.has(session.refresh_token)).toBe(false);
    // Reused within the 10 s window later on too: still the current child.
    const late = await userClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(late.data.session?.refresh_token).toBe([...tokens][0]);
  });

  it("treats reuse after the window as theft: 400 refresh_token_already_used and the session is revoked", async () => {
    const { session } = await signedUp();
    const child = (await userClient(stack).auth.refreshSession({ refresh_token: session.refresh_token })).data.session!;
    await sql(stack, "update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = $1", [session.refresh_token]);

    const reused = await userClient(stack).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(reused.error).toMatchObject({ status: 400, code: "refresh_token_already_used" });
    const childRefresh = await userClient(stack).auth.refreshSession({ refresh_token: child.refresh_token });
    expect(childRefresh.error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
    const user = await authFetch(stack, "/user", { bearer: child.access_token });
    expect(await user.json()).toMatchObject({ code: "session_not_found" });
  });

  it("answers refresh_token_not_found for an unknown token", async () => {
    const result = await userClient(stack).auth.refreshSession({ refresh_token: "not-a-real-refresh-token" });
    expect(result.error).toMatchObject({ status: 400, code: "refresh_token_not_found" });
  });
});

describe("email OTP and magic links", () => {
  it("mails a new address a signup confirmation (code + link) whose code, type email, confirms it and signs in once", async () => {
    const email = newEmail("otp");
    const client = userClient(stack);
    expect((await client.auth.signInWithOtp({ email, options: { data: { locale: "fr" } } })).error).toBeNull();
    const mail = lastMail(stack, email);
    expect(mail).toMatchObject({ type: "signup", subject: "Confirm Your Signup" });
    expect(mail.otp).toMatch(/^\d{6}$/);
    expect(mail.text).toContain(mail.otp!);
    expect(mail.link).toBe(
      `${stack.url}/auth/v1/verify?token=${mail.tokenHash}&type=signup&redirect_to=${encodeURIComponent("http://localhost:3000")}`,
    );
    const pending = await sql(stack, "select email_confirmed_at from auth.users where email = $1", [email.toLowerCase()]);
    expect(pending.rows[0].email_confirmed_at).toBeNull();

    const verified = await client.auth.verifyOtp({ email, token: mail.otp!, type: "email" });
    expect(verified.error).toBeNull();
    expect(verified.data.user).toMatchObject({ email: email.toLowerCase(), user_metadata: { locale: "fr" }, email_confirmed_at: expect.any(String) });
    expect(jose.decodeJwt(verified.data.session!.access_token).amr).toEqual([{ method: "otp", timestamp: expect.any(Number) }]);

    const again = await userClient(stack).auth.verifyOtp({ email, token: mail.otp!, type: "email" });
    expect(again.error).toMatchObject({ status: 403, code: "otp_expired" });
  });

  it("serves the mails over GET /__local/mailbox", async () => {
    const { email } = await signedUp();
    await userClient(stack).auth.signInWithOtp({ email });
    const response = await fetch(`${stack.url}/__local/mailbox?email=${encodeURIComponent(email)}`);
    const mails = (await response.json()) as { otp: string; tokenHash: string; subject: string }[];
    expect(mails[0]).toMatchObject({ subject: "Your Magic Link", otp: expect.stringMatching(/^\d{6}$/) });
  });

  it("verifies the link's token_hash once, and refuses a wrong code", async () => {
    const { email } = await signedUp();
    const client = userClient(stack);
    await client.auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    const mail = lastMail(stack, email);
    const wrongCode = mail.otp === "000000" ? "111111" : "000000";
    const wrong = await client.auth.verifyOtp({ email, token: wrongCode, type: "email" });
    expect(wrong.error).toMatchObject({ status: 403, code: "otp_expired", message: "Token has expired or is invalid" });

    const verified = await client.auth.verifyOtp({ token_hash: mail.tokenHash!, type: "magiclink" });
    expect(verified.error).toBeNull();
    expect(verified.data.session?.user.email).toBe(email);
    const reused = await userClient(stack).auth.verifyOtp({ token_hash: mail.tokenHash!, type: "magiclink" });
    expect(reused.error).toMatchObject({ status: 403, code: "otp_expired" });
  });

  it("refuses an unknown email when shouldCreateUser is false", async () => {
    const result = await userClient(stack).auth.signInWithOtp({ email: newEmail(), options: { shouldCreateUser: false } });
    expect(result.error).toMatchObject({ status: 422, code: "otp_disabled" });
  });

  it("expires codes after one hour", async () => {
    const email = newEmail("old");
    await userClient(stack).auth.signInWithOtp({ email });
    const mail = lastMail(stack, email);
    await sql(stack, "update auth.one_time_tokens set created_at = created_at - interval '61 minutes' where token_hash = $1", [mail.tokenHash]);
    const result = await userClient(stack).auth.verifyOtp({ email, token: mail.otp!, type: "email" });
    expect(result.error).toMatchObject({ status: 403, code: "otp_expired" });
  });

  it("redirects a clicked link (303) with the session in the fragment, or the error", async () => {
    const email = newEmail("click");
    await userClient(stack).auth.signInWithOtp({ email, options: { emailRedirectTo: "http://localhost:3000/welcome?x=1" } });
    const mail = lastMail(stack, email);
    const click = await fetch(mail.link!, { redirect: "manual" });
    expect(click.status).toBe(303);
    const location = new URL(click.headers.get("location")!);
    expect(`${location.origin}${location.pathname}${location.search}`).toBe("http://localhost:3000/welcome?x=1");
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("token_type")).toBe("bearer");
    expect(fragment.get("type")).toBe("signup");
    expect(fragment.get("expires_in")).toBe("3600");
    const accessToken = fragment.get("access_token")!;
    expect(jose.decodeJwt(accessToken).email).toBe(email.toLowerCase());
    const { data } = await userClient(stack).auth.setSession({ access_token: accessToken, refresh_token: fragment.get("refresh_token")! });
    expect(data.user?.email).toBe(email.toLowerCase());

    const second = await fetch(mail.link!, { redirect: "manual" });
    expect(second.status).toBe(303);
    const failed = new URLSearchParams(new URL(second.headers.get("location")!).hash.slice(1));
    expect(failed.get("error_code")).toBe("otp_expired");
    expect(failed.get("error")).toBe("access_denied");
  });

  it("falls back to the site URL for a redirect outside the allow list", async () => {
    const email = newEmail("evil");
    await userClient(stack).auth.signInWithOtp({ email, options: { emailRedirectTo: "https://evil.example.com/steal" } });
    const click = await fetch(lastMail(stack, email).link!, { redirect: "manual" });
    expect(click.headers.get("location")).toMatch(/^http:\/\/localhost:3000\/?#access_token=/);
  });

  it("runs the PKCE flow: link click gives ?code=, exchangeCodeForSession signs in", async () => {
    const email = newEmail("pkce");
    const client = userClient(stack, { auth: { flowType: "pkce" } });
    expect((await client.auth.signInWithOtp({ email, options: { emailRedirectTo: "http://localhost:3000/auth/callback" } })).error).toBeNull();
    const mail = lastMail(stack, email);
    expect(mail.tokenHash).toMatch(/^pkce_/);
    const click = await fetch(mail.link!, { redirect: "manual" });
    expect(click.status).toBe(303);
    const location = new URL(click.headers.get("location")!);
    expect(location.pathname).toBe("/auth/callback");
    const code = location.searchParams.get("code")!;
    expect(code).toBeTruthy();

    const exchanged = await client.auth.exchangeCodeForSession(code);
    expect(exchanged.error).toBeNull();
    expect(exchanged.data.user?.email).toBe(email.toLowerCase());
    // A first sign-in by link is the sign-up confirmation (GoTrue's email/signup flow).
    expect(jose.decodeJwt(exchanged.data.session!.access_token).amr).toEqual([{ method: "email/signup", timestamp: expect.any(Number) }]);

    const replay = await authFetch(stack, "/token?grant_type=pkce", {
      method: "POST",
      body: JSON.stringify({ auth_code: code, code_verifier: "x".repeat(43) }),
    });
    expect(replay.status).toBe(404);
    expect(await replay.json()).toMatchObject({ code: "flow_state_not_found" });
  });

  it("refuses a PKCE exchange with the wrong verifier", async () => {
    const email = newEmail("pkce-bad");
    const client = userClient(stack, { auth: { flowType: "pkce" } });
    await client.auth.signInWithOtp({ email });
    const code = new URL((await fetch(lastMail(stack, email).link!, { redirect: "manual" })).headers.get("location")!).searchParams.get("code");
    const response = await authFetch(stack, "/token?grant_type=pkce", {
      method: "POST",
      body: JSON.stringify({ auth_code: code, code_verifier: "y".repeat(50) }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "bad_code_verifier" });
  });

  it("resets a password through the recovery mail", async () => {
    const { email } = await signedUp();
    const client = userClient(stack);
    expect((await client.auth.resetPasswordForEmail(email)).error).toBeNull();
    const mail = lastMail(stack, email);
    expect(mail.type).toBe("recovery");
    const verified = await client.auth.verifyOtp({ token_hash: mail.tokenHash!, type: "recovery" });
    expect(verified.error).toBeNull();
    expect((await client.auth.updateUser({ password: "recovered-789" })).error).toBeNull();
    expect((await userClient(stack).auth.signInWithPassword({ email, password: "recovered-789" })).error).toBeNull();
  });
});

describe("getClaims", () => {
  it("verifies the ES256 token locally after one JWKS fetch, without calling /user", async () => {
    const { email, password } = await signedUp();
    const spy = vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const client = userClient(stack, { fetch: spy });
    await client.auth.signInWithPassword({ email, password });
    spy.mockClear();

    const first = await client.auth.getClaims();
    expect(first.error).toBeNull();
    expect(first.data?.claims).toMatchObject({ email, role: "authenticated", aal: "aal1" });
    const second = await client.auth.getClaims();
    expect(second.error).toBeNull();

    const urls = spy.mock.calls.map(([input]) => String(input instanceof Request ? input.url : input));
    expect(urls).toEqual([`${stack.url}/auth/v1/.well-known/jwks.json`]);
    const jwks = (await (await fetch(urls[0])).json()) as { keys: { kid: string; alg: string; d?: string }[] };
    expect(jwks.keys[0]).toMatchObject({ alg: "ES256", kid: expect.any(String) });
    expect(jwks.keys[0].d).toBeUndefined();
  });
});
