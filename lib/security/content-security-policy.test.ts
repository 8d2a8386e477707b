import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce } from "./content-security-policy";

const directives = (policy: string) => new Map(policy.split("; ").map((item) => [item.split(" ")[0], item.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  const production = contentSecurityPolicy({ nonce: "abc", supabaseUrl: "https://ref.supabase.co", dev: false, https: true });

  it("runs only scripts carrying this response's nonce, with no eval in production", () => {
    const policy = directives(production);
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(production).not.toContain("unsafe-eval");
  });

  it("lets the browser reach the Supabase project over HTTPS and its Realtime websocket, and nothing else", () => {
    expect(directives(production).get("connect-src")).toEqual(["'self'", "https://ref.supabase.co", "wss://ref.supabase.co"]);
    const local = contentSecurityPolicy({ nonce: "n", supabaseUrl: "http://127.0.0.1:54321", dev: false, https: false });
    expect(directives(local).get("connect-src")).toEqual(["'self'", "http://127.0.0.1:54321", "ws://127.0.0.1:54321"]);
  });

  it("refuses every frame and only upgrades requests when served over HTTPS", () => {
    expect(directives(production).get("frame-ancestors")).toEqual(["'none'"]);
    expect(directives(production).has("upgrade-insecure-requests")).toBe(true);
    const plain = contentSecurityPolicy({ nonce: "n", supabaseUrl: "http://127.0.0.1:54321", dev: false, https: false });
    expect(directives(plain).has("upgrade-insecure-requests")).toBe(false);
  });

  it("allows eval in development only (React's dev tooling)", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", supabaseUrl: "http://127.0.0.1:54321", dev: true, https: false }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
  });

  it("allows inline styles (style attributes, Radix's scroll lock) but keeps images, fonts and connections at home", () => {
    const policy = directives(production);
    expect(policy.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(policy.get("font-src")).toEqual(["'self'", "data:"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
  });

  it("uses a fresh, unguessable nonce per response", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(atob(nonce)).toHaveLength(16);
  });
});
