import type { ServiceHandler, StackContext } from "../context.ts";
import { HttpError, json } from "../http.ts";
import { handleAdmin } from "./admin.ts";
import { AuthError, errorResponse, unsupported, withApiVersion } from "./errors.ts";
import { getUser, logout, otp, recover, signup, token, unsupportedOAuth, updateUser, verifyGet, verifyPost } from "./flows.ts";
import { authCaller } from "./request.ts";

/** What /settings reports, from config.toml like GoTrue's: email only, signup and autoconfirm as configured. */
function settings(ctx: StackContext): Response {
  const { auth } = ctx.config;
  const providers = ["anonymous_users", "apple", "azure", "bitbucket", "discord", "facebook", "snapchat", "figma", "fly", "github",
    "gitlab", "google", "keycloak", "kakao", "linkedin", "linkedin_oidc", "notion", "spotify", "slack", "slack_oidc", "workos",
    "twitch", "twitter", "phone", "zoom"];
  return json({
    external: { ...Object.fromEntries(providers.map((name) => [name, false])), email: auth.emailEnabled },
    disable_signup: !auth.enableSignup,
    mailer_autoconfirm: !auth.enableConfirmations,
    phone_autoconfirm: false,
    sms_provider: "",
    saml_enabled: false,
    saml_private_key_next_configured: false,
    passkeys_enabled: false,
  });
}

async function health(ctx: StackContext): Promise<Response> {
  await ctx.db.auth.query("select 1");
  return json({ version: "local", name: "GoTrue", description: "Local Supabase-compatible auth server (subset of GoTrue)" });
}

/** Paths of GoTrue the local server leaves out, named in the error so the cause is obvious. */
function unsupportedRoute(method: string, path: string): AuthError {
  if (path.startsWith("/factors")) return unsupported("Multi-factor authentication (MFA)");
  if (path.startsWith("/passkeys")) return unsupported("Passkeys");
  if (path.startsWith("/sso") || path.startsWith("/saml")) return unsupported("Single sign-on (SSO/SAML)");
  if (path.startsWith("/oauth")) return unsupported("The OAuth 2.1 server");
  if (path.startsWith("/user/identities")) return unsupported("Identity linking");
  if (path === "/reauthenticate") return unsupported("Reauthentication (nonce for password changes)");
  if (path === "/resend") return unsupported("Resending mails (/resend; call signUp or signInWithOtp again, which resends)");
  return unsupported(`${method} /auth/v1${path}`);
}

async function route(request: Request, path: string, ctx: StackContext): Promise<Response> {
  const method = request.method === "HEAD" ? "GET" : request.method;
  // Open routes: the gateway lets these through without an API key (links clicked in mails, key discovery).
  if (path === "/.well-known/jwks.json" && method === "GET") return json(ctx.keys.jwks);
  if (path === "/verify" && method === "GET") return verifyGet(request, ctx);
  if (path === "/authorize" || path === "/callback") unsupportedOAuth(request);

  const caller = await authCaller(request, ctx);
  if (path === "/invite" || path.startsWith("/admin/")) return handleAdmin(request, path, caller, ctx);
  switch (`${method} ${path}`) {
    case "GET /health":
      return health(ctx);
    case "GET /settings":
      return settings(ctx);
    case "POST /signup":
      return signup(request, ctx);
    case "POST /token":
      return token(request, ctx);
    case "POST /otp":
    case "POST /magiclink":
      return otp(request, ctx);
    case "POST /recover":
      return recover(request, ctx);
    case "POST /verify":
      return verifyPost(request, ctx);
    case "GET /user":
      return getUser(caller, ctx);
    case "PUT /user":
      return updateUser(request, caller, ctx);
    case "POST /logout":
      return logout(request, caller, ctx);
    default:
      throw unsupportedRoute(request.method, path);
  }
}

/**
 * The local GoTrue subset under /auth/v1: email + password, email OTP and magic links (implicit and PKCE), sessions with
 * refresh-token rotation, the user endpoints and the admin API. Every answer carries X-Supabase-Api-Version.
 */
export const handleAuth: ServiceHandler = async (request, path, ctx) => {
  try {
    return withApiVersion(await route(request, path, ctx));
  } catch (error) {
    if (error instanceof AuthError) return errorResponse(error);
    if (error instanceof HttpError) return errorResponse(new AuthError(error.status, "request_invalid", error.message));
    throw error;
  }
};
