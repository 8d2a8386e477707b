export interface CspOptions {
  /** Fresh for every request (see newNonce). */
  nonce: string;
  /** The Supabase project the browser talks to (REST, Auth, the Realtime websocket). */
  supabaseUrl: string;
  /** `next dev`: React's dev tooling needs eval. */
  dev: boolean;
  /** The page was served over HTTPS: ask the browser to upgrade any http:// subresource. */
  https: boolean;
}

/** A nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** `https://x.supabase.co` → the origins the browser uses for it: itself and its websocket twin (`wss://x.supabase.co`). */
function supabaseOrigins(supabaseUrl: string): string[] {
  const { origin, protocol, host } = new URL(supabaseUrl);
  return [origin, `${protocol === "https:" ? "wss" : "ws"}://${host}`];
}

/**
 * The Content-Security-Policy of every page. Scripts run only with this response's nonce (Next puts it on its own
 * scripts when it finds it in the request's CSP header) or when loaded by one of them ('strict-dynamic'). Inline
 * styles are allowed: the grid sizes its columns with style attributes and Radix's scroll lock inserts style elements
 * at run time without a nonce; CSS cannot run script, and with images, fonts and connections limited to this origin and
 * Supabase it cannot send anything elsewhere. Nothing may frame the app (the back-office's SEND NOW must not be
 * clickjacked), and the browser only talks to this origin and the Supabase project.
 */
export function contentSecurityPolicy({ nonce, supabaseUrl, dev, https }: CspOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...supabaseOrigins(supabaseUrl)],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
  };
  const policy = Object.entries(directives).map(([name, sources]) => `${name} ${sources.join(" ")}`);
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}
