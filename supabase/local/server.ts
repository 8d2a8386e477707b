import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import type { RealtimeSettings, ServiceHandler, StackContext } from "./context.ts";
import { corsHeaders, HttpError, json, sendWebResponse, toWebRequest } from "./http.ts";
import { createStackKeys, type StackKeys, type StackSecrets } from "./keys.ts";
import { Mailbox } from "./mailbox.ts";
import { handleMailbox } from "./mailbox-routes.ts";
import { roleUrls, withClient } from "./database.ts";
import { handleAuth } from "./auth/index.ts";
import { createLimiters } from "./auth/rate-limit.ts";
import { loadAuthSettings, withOverrides, type AuthOverrides } from "./auth/settings.ts";
import { handleRest, stopRest } from "./rest/index.ts";
import { attachRealtime, handleRealtimeHttp } from "./realtime/index.ts";

export interface StackOptions {
  /** Superuser (supabase_admin) URL of the bootstrapped, migrated database the stack serves. */
  databaseUrl: string;
  secrets: StackSecrets;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The app's URL, default redirect target of auth mails (overrides config.toml's site_url). */
  siteUrl?: string;
  jwtExpirySeconds?: number;
  /**
   * Auth settings are supabase/config.toml's; these override some explicitly (a conformance test of signup off, the
   * per-IP budgets of a test machine: ONE_TEST_MACHINE in auth/settings.ts).
   */
  auth?: AuthOverrides;
  poolSize?: number;
  realtime?: RealtimeSettings;
}

export interface RunningStack {
  url: string;
  keys: StackKeys;
  mailbox: Mailbox;
  context: StackContext;
  server: Server;
  stop(): Promise<void>;
}

const services: Record<string, ServiceHandler> = {
  "/auth/v1": handleAuth,
  "/rest/v1": handleRest,
  "/realtime/v1": handleRealtimeHttp,
  "/__local/mailbox": handleMailbox,
};

function serviceFor(pathname: string): { handler: ServiceHandler; path: string } | null {
  for (const [prefix, handler] of Object.entries(services)) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
      return { handler, path: pathname.slice(prefix.length) || "/" };
    }
  }
  return null;
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("08") || code.startsWith("53") || code === "57P01" || code === "ECONNREFUSED");
}

async function dispatch(request: Request, ctx: StackContext): Promise<Response> {
  const { pathname } = new URL(request.url);
  const service = serviceFor(pathname);
  if (service) return service.handler(request, service.path, ctx);
  return json({ message: `no route for ${request.method} ${pathname}` }, 404);
}

/** Starts the local Supabase-compatible API (auth, REST) on one port, over the given database. */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const host = options.host ?? "127.0.0.1";
  const urls = roleUrls(options.databaseUrl, options.secrets.databasePassword);
  const max = options.poolSize ?? 20;
  const db = {
    // Pipelined: the REST layer writes a request's BEGIN + settings, query (and a read-only COMMIT) in one round trip.
    authenticator: new pg.Pool({ connectionString: urls.authenticator, max, pipeline: true }),
    auth: new pg.Pool({ connectionString: urls.authAdmin, max: Math.max(4, Math.floor(max / 2)) }),
    admin: new pg.Pool({ connectionString: urls.superuser, max: 4 }),
  };
  for (const pool of Object.values(db)) {
    pool.on("error", () => undefined); // a dropped idle client is replaced on demand
    // A backend that dies during a request (terminated, database restart) fails that request's query; without this
    // listener the checked-out client's "error" event would be uncaught and end the whole stack process.
    pool.on("connect", (client) => client.on("error", () => undefined));
  }
  await withClient(urls.superuser, (client) => client.query("select realtime.ensure_partitions()"));

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 54321, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  const keys = await createStackKeys(options.secrets, `${url}/auth/v1`);
  const mailbox = new Mailbox();
  const auth = withOverrides(loadAuthSettings(), {
    ...options.auth,
    ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
    ...(options.jwtExpirySeconds ? { jwtExpirySeconds: options.jwtExpirySeconds } : {}),
  });
  const context: StackContext = {
    config: {
      apiUrl: url,
      siteUrl: auth.siteUrl,
      jwtExpirySeconds: auth.jwtExpirySeconds,
      auth,
      databaseUrl: options.databaseUrl,
      realtime: options.realtime,
    },
    keys,
    db,
    mailbox,
    authLimiters: createLimiters(auth),
  };

  const realtime = attachRealtime(server, context);
  server.on("request", async (incoming, outgoing) => {
    // The mailbox holds sign-in codes and links: no CORS there, so a web page of another origin cannot read them
    // (developers open it as a page; tests read it from Node, which sends no Origin).
    const cors = (incoming.url ?? "").startsWith("/__local/") ? {} : corsHeaders(incoming);
    if (incoming.method === "OPTIONS") {
      outgoing.writeHead(204, cors).end();
      return;
    }
    let response: Response;
    try {
      response = await dispatch(await toWebRequest(incoming, url), context);
    } catch (error) {
      if (error instanceof HttpError) response = json({ message: error.message }, error.status);
      else if (isConnectionError(error)) response = json({ message: "the database is not reachable" }, 503);
      else {
        console.error("[local stack] unexpected error", error);
        response = json({ message: "internal error of the local stack", details: String(error) }, 500);
      }
    }
    try {
      await sendWebResponse(response, outgoing, cors, incoming.method === "HEAD");
    } catch {
      outgoing.destroy();
    }
  });

  return {
    url,
    keys,
    mailbox,
    context,
    server,
    async stop() {
      await realtime.stop();
      await stopRest(context);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(Object.values(db).map((pool) => pool.end()));
    },
  };
}
