import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const response = new Response(JSON.stringify(body), { status, headers });
  response.headers.set("content-type", "application/json; charset=utf-8");
  return response;
}

const EXPOSED_HEADERS = "Content-Range, Content-Location, Location, X-Supabase-Api-Version, Preference-Applied";
const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const DEFAULT_ALLOWED_HEADERS =
  "authorization, x-client-info, apikey, content-type, accept, accept-profile, content-profile, prefer, range, x-supabase-api-version, x-retry-count";

/** CORS as the browser client needs it: every origin allowed (like hosted Supabase), and the headers the request asks for. */
export function corsHeaders(request: IncomingMessage): Record<string, string> {
  return {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": request.headers["access-control-request-headers"] ?? DEFAULT_ALLOWED_HEADERS,
    "access-control-expose-headers": EXPOSED_HEADERS,
    "access-control-max-age": "86400",
  };
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The peer address of each request, kept beside it rather than in a header a client could write. */
const clientAddresses = new WeakMap<Request, string>();

export function clientAddressOf(request: Request): string | undefined {
  return clientAddresses.get(request);
}

export async function toWebRequest(request: IncomingMessage, baseUrl: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = request.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(request);
  const webRequest = new Request(new URL(request.url ?? "/", baseUrl), {
    method,
    headers,
    body: body && body.length > 0 ? new Uint8Array(body) : undefined,
  });
  const address = request.socket.remoteAddress;
  if (address) clientAddresses.set(webRequest, address.replace(/^::ffff:/, ""));
  return webRequest;
}

export async function sendWebResponse(
  response: Response,
  target: ServerResponse,
  extraHeaders: Record<string, string>,
  headOnly: boolean,
): Promise<void> {
  const headers: Record<string, string | string[]> = { ...extraHeaders };
  response.headers.forEach((value, name) => {
    if (name === "set-cookie") return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const body = headOnly || response.body === null ? null : Buffer.from(await response.arrayBuffer());
  if (body && !headers["content-length"]) headers["content-length"] = String(body.length);
  target.writeHead(response.status, headers);
  target.end(body ?? undefined);
}
