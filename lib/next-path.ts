/** Longest `next` kept; a longer one is not a path this app links to. */
const NEXT_PATH_MAX_LENGTH = 2000;
// Any origin works: only whether parsing keeps it (and leaves the path as written) matters.
const PROBE_ORIGIN = "http://next-path.invalid";

/**
 * Where to go after signing in: `requested` when it is a path of this app under `scope` (the back-office home, an event
 * site), written exactly as a browser will read it; otherwise `scope` itself. The one place that decides, for the
 * back-office and every event site, so `?next=` cannot send anyone to another origin (`/.//evil.example`,
 * `/admin/../..//evil.example`, `/\evil.example`, tabs or newlines that browsers drop) or out of its area.
 */
export function safeNextPath(requested: unknown, scope: string): string {
  if (typeof requested !== "string" || requested.length > NEXT_PATH_MAX_LENGTH || !requested.startsWith("/")) return scope;
  let url: URL;
  try {
    url = new URL(requested, PROBE_ORIGIN);
  } catch {
    return scope;
  }
  // The WHATWG parser is what the browser applies to a Location header: it resolves dot segments (also `%2e`), turns
  // backslashes into slashes and drops tabs and newlines. A path it rewrites in any way is refused, not repaired.
  if (url.origin !== PROBE_ORIGIN || `${url.pathname}${url.search}${url.hash}` !== requested) return scope;
  // Encoded slashes, backslashes and dots are left alone by browsers but decoded by some proxies and servers.
  if (/%(2f|5c|2e)/i.test(url.pathname) || url.pathname.includes("//")) return scope;
  const inScope = url.pathname === scope || url.pathname.startsWith(scope.endsWith("/") ? scope : `${scope}/`);
  return inScope ? requested : scope;
}
