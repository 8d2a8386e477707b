/** Next's own limit for a server action's body (`serverActions.bodySizeLimit`, 1 MB by default). */
export const ACTION_BODY_MAX_BYTES = 1024 * 1024;

function refusal(status: 400 | 403 | 413, reason: string): Response {
  return new Response(`${reason}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/** The host the browser addressed, as Next compares it with Origin: the first `x-forwarded-host`, else `host`. */
function addressedHost(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || headers.get("host");
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** React's encodeReply: the arguments as a JSON array, as the whole text body or as the form field "0". */
function isReplyRoot(text: string | null): boolean {
  if (text === null) return false;
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * A server action call (`POST` with `Next-Action`) that Next would refuse with a 500 and an error digest, answered
 * with what it is instead: 403 for a foreign or `null` Origin (cross-site request forgery), 413 for a body over Next's
 * 1 MB limit, 400 for a body that is not an action's arguments. `null` lets the call through to Next, which still
 * makes every check of its own. A call without Origin is let through as Next does (no browser sends one).
 */
export async function refuseBadActionRequest(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;

  const origin = request.headers.get("origin");
  if (origin !== null) {
    const host = addressedHost(request.headers);
    if (origin === "null" || host === null || originHost(origin) !== host) return refusal(403, "Cross-origin server action refused.");
  }

  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= ACTION_BODY_MAX_BYTES)) return refusal(413, "Server action body over 1 MB.");

  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type !== "multipart/form-data" && type !== "text/plain" && type !== "") return refusal(400, "Malformed server action body.");
  // Read once (Next gives the proxy its own copy of the body); a body sent without Content-Length is measured here.
  const body = await request.clone().arrayBuffer();
  if (body.byteLength > ACTION_BODY_MAX_BYTES) return refusal(413, "Server action body over 1 MB.");
  if (type === "multipart/form-data") {
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData().catch(() => null);
    const root = form?.get("0");
    if (typeof root === "string" && isReplyRoot(root)) return null;
  } else if (isReplyRoot(new TextDecoder().decode(body))) {
    return null;
  }
  return refusal(400, "Malformed server action body.");
}
