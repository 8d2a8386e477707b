import type { Claims, StackContext } from "./context.ts";
import { TokenError } from "./keys.ts";

export type Caller =
  | { ok: true; claims: Claims; /** true when the role comes from a user's access token, not an API key */ isUser: boolean }
  | { ok: false; reason: "no_api_key" | "invalid_api_key" | "invalid_token" | "expired_token"; message: string };

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^bearer\s+(.+)$/i.exec(header.trim());
  return match ? match[1].trim() : null;
}

export function apiKeyOf(request: Request): string | null {
  return request.headers.get("apikey") ?? new URL(request.url).searchParams.get("apikey");
}

async function apiKeyClaims(key: string, ctx: StackContext): Promise<Claims | null> {
  const role = ctx.keys.apiKeyRole(key);
  if (role) return { role, iss: "supabase" };
  try {
    const claims = await ctx.keys.verifyJwt(key);
    return claims.role === "anon" || claims.role === "service_role" ? claims : null;
  } catch {
    return null;
  }
}

/**
 * Who is calling, as Supabase's API gateway and PostgREST decide it: the `apikey` must be a project key; the
 * `Authorization` bearer, when present, decides the role (a user's access token, or a key again).
 */
export async function resolveCaller(request: Request, ctx: StackContext): Promise<Caller> {
  const apiKey = apiKeyOf(request);
  if (!apiKey) {
    return { ok: false, reason: "no_api_key", message: "No API key found in request" };
  }
  const keyClaims = await apiKeyClaims(apiKey, ctx);
  if (!keyClaims) return { ok: false, reason: "invalid_api_key", message: "Invalid API key" };

  const token = bearerToken(request);
  if (!token || token === apiKey) return { ok: true, claims: keyClaims, isUser: false };
  const bearerKeyRole = ctx.keys.apiKeyRole(token);
  if (bearerKeyRole) return { ok: true, claims: { role: bearerKeyRole, iss: "supabase" }, isUser: false };
  try {
    const claims = await ctx.keys.verifyJwt(token);
    return { ok: true, claims, isUser: claims.role !== "anon" && claims.role !== "service_role" };
  } catch (error) {
    const expired = error instanceof TokenError && error.reason === "expired";
    return {
      ok: false,
      reason: expired ? "expired_token" : "invalid_token",
      message: error instanceof Error ? error.message : "invalid JWT",
    };
  }
}
