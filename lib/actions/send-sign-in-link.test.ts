import { AuthApiError } from "@supabase/supabase-js";
import { beforeEach, describe, expect, it, vi } from "vitest";

// The auth server as the action sees it: a known address gets a mail (slowly), an unknown one is refused at once.
const KNOWN = "organizer@example.com";
const signInWithOtp = vi.fn(async ({ email }: { email: string }) => {
  if (email === KNOWN) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    return { data: {}, error: null };
  }
  return { data: {}, error: new AuthApiError("Signups not allowed for otp", 422, "otp_disabled") };
});
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "localhost:3000" }) }));
vi.mock("@/lib/supabase/server", () => ({ createClient: async () => ({ auth: { signInWithOtp } }) }));

const { sendSignInLink } = await import("./send-sign-in-link");

async function ask(email: string) {
  const form = new FormData();
  form.set("email", email);
  const started = performance.now();
  const result = await sendSignInLink(null, form);
  return { result, ms: performance.now() - started };
}

beforeEach(() => {
  signInWithOtp.mockClear();
});

describe("sendSignInLink", () => {
  it("answers an unknown address exactly as a known one, in the same time", async () => {
    const known = await ask(KNOWN);
    const unknown = await ask("nobody@example.com");
    expect(signInWithOtp).toHaveBeenCalledTimes(2);
    expect(known.result).toEqual({ ok: true, data: { email: KNOWN } });
    expect(unknown.result).toEqual({ ok: true, data: { email: "nobody@example.com" } });
    // Both wait for the same floor, far above what the auth server's answer takes either way.
    for (const { ms } of [known, unknown]) expect(ms).toBeGreaterThanOrEqual(1000);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(100);
  });

  it("still reports a rate limit, with the wait", async () => {
    signInWithOtp.mockResolvedValueOnce({
      data: {},
      error: new AuthApiError("For security purposes, you can only request this after 30 seconds.", 429, "over_email_send_rate_limit"),
    });
    expect((await ask(KNOWN)).result).toEqual({ ok: false, error: "errors.rateLimitedFor", values: { seconds: 30 } });
  });
});
