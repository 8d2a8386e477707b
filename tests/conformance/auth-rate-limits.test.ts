// Supabase Auth's throttling with config.toml's [auth.rate_limit] and max_frequency, through supabase-js: the outside
// probe's cases (password guessing, code guessing, mail flooding) are refused.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadAuthSettings } from "../../supabase/local/auth/settings.ts";
import { createTestStack, type TestStack } from "../../supabase/local/testing.ts";
import { adminClient, confirmedUser, lastMail, newEmail, userClient } from "./auth-helpers.ts";

/** config.toml's own per-IP budgets, instead of the one-test-machine budgets test stacks get by default. */
const configLimits = () => ({ rateLimits: loadAuthSettings().rateLimits });

describe("per-IP buckets of config.toml", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true, auth: configLimits() });
  });
  afterAll(() => stack?.stop());

  it("50 wrong passwords, then the right one is refused with 429 over_request_rate_limit", async () => {
    const email = newEmail("guessed").toLowerCase();
    expect((await adminClient(stack).auth.admin.createUser({ email, password: "right-password", email_confirm: true })).error).toBeNull();
    const client = userClient(stack);
    const codes: (string | undefined)[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      codes.push((await client.auth.signInWithPassword({ email, password: `wrong-${attempt}` })).error?.code);
    }
    expect(codes.slice(0, 30).every((code) => code === "invalid_credentials")).toBe(true);
    expect(codes.at(-1)).toBe("over_request_rate_limit");
    const right = await client.auth.signInWithPassword({ email, password: "right-password" });
    expect(right.error).toMatchObject({ status: 429, code: "over_request_rate_limit", message: "Request rate limit reached" });
    expect(right.data.session).toBeNull();
  });

  it("100 wrong codes, then the right one is refused", async () => {
    const { email } = await confirmedUser(stack);
    await userClient(stack).auth.signInWithOtp({ email });
    const code = lastMail(stack, email).otp!;
    const wrong = code === "000000" ? "111111" : "000000";
    let limited = 0;
    for (let attempt = 0; attempt < 100; attempt++) {
      const result = await userClient(stack).auth.verifyOtp({ email, token: wrong, type: "email" });
      if (result.error?.code === "over_request_rate_limit") limited++;
      else expect(result.error).toMatchObject({ status: 403, code: "otp_expired" });
    }
    expect(limited).toBeGreaterThan(60);
    const right = await userClient(stack).auth.verifyOtp({ email, token: code, type: "email" });
    expect(right.error).toMatchObject({ status: 429, code: "over_request_rate_limit" });
    expect(right.data.session).toBeNull();
  });
});

describe("the client IP", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true, auth: configLimits() });
  });
  afterAll(() => stack?.stop());

  const attempt = (headers: Record<string, string>) =>
    fetch(`${stack.url}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-supabase-api-version": "2024-01-01", ...headers },
      body: JSON.stringify({ email: "nobody@example.com", password: "wrong-password" }),
    });

  it("is the socket's: X-Forwarded-For is ignored, Sb-Forwarded-For counts only with the secret key", async () => {
    const statuses = async (headers: Record<string, string>, times: number) => {
      const seen: number[] = [];
      for (let i = 0; i < times; i++) seen.push((await attempt(headers)).status);
      return seen;
    };
    const spoofed = await statuses({ apikey: stack.keys.publishableKey, "x-forwarded-for": "203.0.113.7" }, 31);
    expect(spoofed.slice(0, 30).every((status) => status === 400)).toBe(true);
    expect(spoofed[30]).toBe(429);
    // The same socket, now claiming another IP with the publishable key: still the socket's (empty) bucket.
    expect((await attempt({ apikey: stack.keys.publishableKey, "sb-forwarded-for": "198.51.100.9" })).status).toBe(429);
    // A server holding the secret key forwards its user's IP: that user has a bucket of its own.
    const forwarded = await attempt({ apikey: stack.keys.secretKey, "sb-forwarded-for": "198.51.100.9" });
    expect(forwarded.status).toBe(400);
    const body = (await forwarded.json()) as { code: string };
    expect(body.code).toBe("invalid_credentials");
  });
});

describe("mail limits", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true });
  });
  afterAll(() => stack?.stop());

  it("40 code mails to one address in a row: one mail, then 429 over_email_send_rate_limit (max_frequency)", async () => {
    const { email } = await confirmedUser(stack);
    const before = stack.mailbox.list(email).length;
    const errors: (string | undefined)[] = [];
    for (let i = 0; i < 40; i++) errors.push((await userClient(stack).auth.signInWithOtp({ email })).error?.code);
    expect(errors[0]).toBeUndefined();
    expect(errors.slice(1).every((code) => code === "over_email_send_rate_limit")).toBe(true);
    expect(stack.mailbox.list(email).length).toBe(before + 1);
    const refused = await userClient(stack).auth.signInWithOtp({ email });
    expect(refused.error?.status).toBe(429);
    expect(refused.error?.message).toMatch(/^For security purposes, you can only request this after (59|60) seconds\.$/);
  });

  it("re-sends a sign-up confirmation only after max_frequency", async () => {
    const email = newEmail("pending");
    await userClient(stack).auth.signUp({ email, password: "secret-123" });
    const again = await userClient(stack).auth.signUp({ email, password: "secret-123" });
    expect(again.error).toMatchObject({ status: 429, code: "over_email_send_rate_limit" });
  });
});

describe("the hourly mail budget (email_sent)", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await createTestStack(inject("cluster"), { bare: true, auth: { rateLimits: { emailSent: 2 } } });
  });
  afterAll(() => stack?.stop());

  it("refuses the mail past the budget with 429 over_email_send_rate_limit, whatever the address", async () => {
    expect((await userClient(stack).auth.signInWithOtp({ email: newEmail() })).error).toBeNull();
    expect((await userClient(stack).auth.signInWithOtp({ email: newEmail() })).error).toBeNull();
    const third = await userClient(stack).auth.signInWithOtp({ email: newEmail() });
    expect(third.error).toMatchObject({ status: 429, code: "over_email_send_rate_limit", message: "email rate limit exceeded" });
  });
});
