// @supabase/ssr's cookie session through our Next.js proxy (lib/supabase/proxy.ts), against the local stack:
// cookie name, encoding and chunking as written by the real client, and the refresh of an expired session by
// updateSession() with the refreshed cookies and the no-cache headers on the response.
import { createServerClient, type CookieOptions } from "@supabase/ssr";
import { createClient } from "@supabase/supabase-js";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { createTestStack, type TestStack } from "../../supabase/local/testing.ts";
import { SESSION_COOKIE_MAX_AGE } from "../../lib/supabase/cookie-options";
import { updateSession } from "../../lib/supabase/proxy";

vi.mock("server-only", () => ({}));

const COOKIE = "sb-127-auth-token";
const CHUNK_LIMIT = 3180;
const PASSWORD = "correct horse battery";

interface StoredCookie {
  value: string;
  options: CookieOptions;
}

/** A browser's cookie store for one site, as the server client sees it through getAll/setAll. */
class CookieJar {
  readonly cookies = new Map<string, StoredCookie>();
  readonly headerWrites: Record<string, string>[] = [];

  getAll() {
    return [...this.cookies].map(([name, { value }]) => ({ name, value }));
  }

  setAll(list: { name: string; value: string; options: CookieOptions }[], headers: Record<string, string>) {
    this.headerWrites.push(headers);
    for (const { name, value, options } of list) {
      if (value === "" || options.maxAge === 0) this.cookies.delete(name);
      else this.cookies.set(name, { value, options });
    }
  }

  header(): string {
    return this.getAll()
      .map(({ name, value }) => `${name}=${value}`)
      .join("; ");
  }
}

interface Session {
  access_token: string;
  refresh_token: string;
  expires_at: number;
  expires_in: number;
  user: { id: string; email: string; user_metadata: Record<string, unknown> };
}

/** Reads the session the way the wire protocol doc describes: unsuffixed cookie wins, else `.0`, `.1`… until a gap. */
function readSession(cookies: Map<string, string>): Session {
  let raw = cookies.get(COOKIE);
  if (raw === undefined) {
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${COOKIE}.${i}`); i++) chunks.push(cookies.get(`${COOKIE}.${i}`) ?? "");
    raw = chunks.join("");
  }
  expect(raw.startsWith("base64-")).toBe(true);
  return JSON.parse(Buffer.from(raw.slice("base64-".length), "base64url").toString("utf8")) as Session;
}

function writeSession(session: Session, chunked: boolean): Map<string, string> {
  const value = `base64-${Buffer.from(JSON.stringify(session), "utf8").toString("base64url")}`;
  if (!chunked) return new Map([[COOKIE, value]]);
  const out = new Map<string, string>();
  for (let i = 0; i * CHUNK_LIMIT < value.length; i++) out.set(`${COOKIE}.${i}`, value.slice(i * CHUNK_LIMIT, (i + 1) * CHUNK_LIMIT));
  return out;
}

/** What a browser holds after a response: its cookies, overwritten or deleted by the response's Set-Cookie. */
function applySetCookies(sent: Map<string, string>, written: { name: string; value: string; maxAge?: number }[]): Map<string, string> {
  const out = new Map(sent);
  for (const { name, value, maxAge } of written) {
    if (value === "" || maxAge === 0) out.delete(name);
    else out.set(name, value);
  }
  return out;
}

const jarValues = (jar: CookieJar) => new Map(jar.getAll().map(({ name, value }) => [name, value]));
const authCookieNames = (names: Iterable<string>) => [...names].filter((name) => name.startsWith(COOKIE)).sort();

function decodeJwt(token: string): Record<string, unknown> & { exp: number; iat: number } {
  return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
}

let stack: TestStack;

function serverClient(jar: CookieJar) {
  return createServerClient(stack.url, stack.keys.publishableKey, {
    cookies: { getAll: () => jar.getAll(), setAll: (list, headers) => jar.setAll(list, headers) },
  });
}

async function signIn(email: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const { error } = await serverClient(jar).auth.signInWithPassword({ email, password: PASSWORD });
  expect(error).toBeNull();
  return jar;
}

/** The signed-in session with its access token replaced by one that expired a minute ago (same session id). */
async function expireSession(session: Session): Promise<Session> {
  const claims = decodeJwt(session.access_token);
  const now = Math.floor(Date.now() / 1000);
  const exp = now - 60;
  const expired = await stack.keys.signAccessToken({ ...claims, role: String(claims.role), iat: exp - 3600, exp });
  return { ...session, access_token: expired, expires_at: exp };
}

function requestWith(path: string, cookies: Map<string, string>): NextRequest {
  const header = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  return new NextRequest(`http://127.0.0.1:3000${path}`, { headers: header ? { cookie: header } : {} });
}

function expectNoCacheHeaders(headers: Headers) {
  expect(headers.get("cache-control")).toBe("private, no-cache, no-store, must-revalidate, max-age=0");
  expect(headers.get("expires")).toBe("0");
  expect(headers.get("pragma")).toBe("no-cache");
}

const SMALL_USER = "small@example.com";
const LARGE_USER = "large@example.com";

beforeAll(async () => {
  stack = await createTestStack(inject("cluster"), { bare: true });
  // lib/env.ts reads these at the first request, as the app does at run time.
  process.env.SUPABASE_URL = stack.url;
  process.env.SUPABASE_PUBLISHABLE_KEY = stack.keys.publishableKey;
  const admin = createClient(stack.url, stack.keys.secretKey, { auth: { persistSession: false, autoRefreshToken: false } });
  for (const [email, metadata] of [
    [SMALL_USER, { display_name: "Small" }],
    [LARGE_USER, { display_name: "Large", bio: "x".repeat(4000) }],
  ] as const) {
    const { error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true, user_metadata: metadata });
    expect(error).toBeNull();
  }
});
afterAll(() => stack?.stop());

describe("@supabase/ssr session cookies", () => {
  it("writes one base64- cookie named after the host, with the whole session and no-cache headers", async () => {
    const jar = await signIn(SMALL_USER);
    expect(authCookieNames(jar.cookies.keys())).toEqual([COOKIE]);
    const stored = jar.cookies.get(COOKIE);
    expect(stored?.options).toMatchObject({ path: "/", sameSite: "lax", httpOnly: false, maxAge: 400 * 24 * 60 * 60 });
    const session = readSession(jarValues(jar));
    expect(session.user.email).toBe(SMALL_USER);
    expect(session.refresh_token).toEqual(expect.any(String));
    expect(decodeJwt(session.access_token).sub).toBe(session.user.id);
    expect(jar.headerWrites[0]).toMatchObject({ "Cache-Control": expect.stringContaining("no-store"), Expires: "0", Pragma: "no-cache" });
  });

  it("splits a large session into .0, .1 … chunks of at most 3180 encoded characters", async () => {
    const jar = await signIn(LARGE_USER);
    const names = authCookieNames(jar.cookies.keys());
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names).toEqual(names.map((_, i) => `${COOKIE}.${i}`).sort());
    for (const name of names) expect(encodeURIComponent(jar.cookies.get(name)?.value ?? "").length).toBeLessThanOrEqual(CHUNK_LIMIT);
    expect(readSession(jarValues(jar)).user.user_metadata.bio).toBe("x".repeat(4000));
  });
});

describe("updateSession (the Next.js proxy)", () => {
  it("lets a valid session through without rewriting its cookies", async () => {
    const jar = await signIn(SMALL_USER);
    const response = await updateSession(requestWith("/admin", jarValues(jar)));
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(authCookieNames(response.cookies.getAll().map((c) => c.name))).toEqual([]);
  });

  it("refreshes an expired session: new cookies and no-cache headers on the response, and for the render below", async () => {
    const jar = await signIn(SMALL_USER);
    const before = readSession(jarValues(jar));
    const expired = await expireSession(before);
    const sent = writeSession(expired, false);
    const response = await updateSession(requestWith("/admin", sent));

    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expectNoCacheHeaders(response.headers);
    expect(authCookieNames(response.cookies.getAll().map((c) => c.name))).toEqual([COOKIE]);
    const written = applySetCookies(sent, response.cookies.getAll());
    const refreshed = readSession(written);
    expect(refreshed.refresh_token).not.toBe(before.refresh_token);
    expect(refreshed.access_token).not.toBe(expired.access_token);
    expect(refreshed.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ sub: before.user.id, session_id: decodeJwt(before.access_token).session_id });
    // A week, not @supabase/ssr's 400 days (lib/supabase/cookie-options.ts): each refresh writes the cookie again.
    expect(response.cookies.get(COOKIE)).toMatchObject({ path: "/", sameSite: "lax", maxAge: SESSION_COOKIE_MAX_AGE });
    // NextResponse.next({ request }) forwards the refreshed cookies to the Server Components of this same request.
    expect(response.headers.get("x-middleware-request-cookie")).toContain(written.get(COOKIE));

    // The refreshed cookies are a working session.
    const next = await updateSession(requestWith("/admin", written));
    expect(next.status).toBe(200);
    expect(next.headers.get("location")).toBeNull();
  });

  it("refreshes a chunked session, writing the chunks that changed", async () => {
    const jar = await signIn(LARGE_USER);
    const before = readSession(jarValues(jar));
    const sent = writeSession(await expireSession(before), true);
    const response = await updateSession(requestWith("/admin/events", sent));

    expect(response.status).toBe(200);
    expectNoCacheHeaders(response.headers);
    const setCookies = response.cookies.getAll();
    expect(authCookieNames(setCookies.map((c) => c.name)).length).toBeGreaterThan(0);
    // @supabase/ssr only sends chunks whose value changed: the browser keeps the others.
    const browser = applySetCookies(sent, setCookies);
    const names = authCookieNames(browser.keys());
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names).toEqual(names.map((_, i) => `${COOKIE}.${i}`).sort());
    for (const name of names) expect(encodeURIComponent(browser.get(name) ?? "").length).toBeLessThanOrEqual(CHUNK_LIMIT);
    const refreshed = readSession(browser);
    expect(refreshed.refresh_token).not.toBe(before.refresh_token);
    expect(refreshed.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(refreshed.user.user_metadata.bio).toBe("x".repeat(4000));
  });

  it("redirects an anonymous visitor of the back-office to the sign-in page, keeping where they were going", async () => {
    const response = await updateSession(requestWith("/admin/events?tab=messages", new Map()));
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/admin/sign-in");
    expect(location.searchParams.get("next")).toBe("/admin/events?tab=messages");

    for (const path of ["/admin/sign-in", "/", "/auth/confirm?code=x"]) {
      const open = await updateSession(requestWith(path, new Map()));
      expect(open.headers.get("location"), path).toBeNull();
    }
  });

  it("treats a revoked session as anonymous: redirect to sign-in and clear its cookies", async () => {
    const jar = await signIn(SMALL_USER);
    const before = readSession(jarValues(jar));
    const cookies = writeSession(await expireSession(before), false);
    const { error } = await serverClient(jar).auth.signOut({ scope: "global" });
    expect(error).toBeNull();

    // auth-js warns about the refused refresh (refresh_token_not_found): expected here.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const response = await updateSession(requestWith("/admin", cookies));
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ code: "refresh_token_not_found" }));
    warn.mockRestore();
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location") ?? "").pathname).toBe("/admin/sign-in");
    expect(response.cookies.get(COOKIE)).toMatchObject({ value: "", maxAge: 0 });
  });
});
