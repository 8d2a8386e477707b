import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { z } from "zod";
import { resolveCaller } from "../caller.ts";
import type { Claims, ServiceHandler, StackContext } from "../context.ts";
import { json } from "../http.ts";
import { AuthorizationError, canWrite } from "./authorization.ts";
import { ChannelHub, type Limits } from "./channels.ts";
import { DatabaseDelivery, type OutboxRow } from "./delivery.ts";
import type { BroadcastBody, Vsn } from "./protocol.ts";

// Supabase Realtime for the local stack: Phoenix channels over `/realtime/v1/websocket` (broadcast, presence, private
// channels authorized by realtime.messages policies, database broadcasts) and the REST broadcast API.
// Not supported (refused with an error naming it): postgres_changes, broadcast replay, persisted broadcasts.

export interface RealtimeService {
  stop(): Promise<void>;
}

const DEFAULT_LIMITS: Limits = {
  heartbeatTimeoutMs: 60_000,
  maxFrameBytes: 4 * 1024 * 1024,
  maxPayloadBytes: 3_000_000,
  maxSendBufferBytes: 16 * 1024 * 1024,
};
const WEBSOCKET_PATH = "/realtime/v1/websocket";
const PARTITIONS_EVERY_MS = 60 * 60 * 1000;

const hubs = new WeakMap<StackContext, ChannelHub>();

function rejectUpgrade(socket: Duplex, status: number, statusText: string, message: string): void {
  const body = JSON.stringify({ error: message, message });
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `connection: close\r\n\r\n${body}`,
  );
}

function databaseBody(row: OutboxRow): BroadcastBody {
  const event = row.event ?? "";
  if (row.payload !== null) return { event, encoding: 1, bytes: Buffer.from(row.payload), meta: null };
  if (row.binary_payload !== null) return { event, encoding: 0, bytes: row.binary_payload, meta: null };
  return { event, encoding: 1, bytes: Buffer.from("null"), meta: null };
}

/** Attaches `/realtime/v1/websocket` (Phoenix protocol) to the stack's HTTP server. */
export function attachRealtime(server: Server, ctx: StackContext): RealtimeService {
  const databaseUrl = ctx.config.databaseUrl;
  if (!databaseUrl) throw new Error("attachRealtime needs ctx.config.databaseUrl (the superuser URL) for database broadcasts");
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(ctx.config.realtime ?? {})) {
    if (typeof value === "number" && name in limits) limits[name as keyof Limits] = value;
  }

  let hub: ChannelHub | null = null;
  const delivery = new DatabaseDelivery(databaseUrl, (row) => {
    hub?.broadcastTo(row.topic, row.private, databaseBody(row), { meta: { id: row.id } });
  });
  hub = new ChannelHub(ctx, limits, delivery.ready);
  const channels = hub;
  hubs.set(ctx, channels);

  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes, perMessageDeflate: false });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => undefined);
    const url = new URL(request.url ?? "/", ctx.config.apiUrl);
    if (url.pathname !== WEBSOCKET_PATH && url.pathname !== `${WEBSOCKET_PATH}/`) {
      return rejectUpgrade(socket, 404, "Not Found", `no WebSocket endpoint at ${url.pathname}`);
    }
    const vsnParam = url.searchParams.get("vsn") ?? "1.0.0";
    if (vsnParam !== "1.0.0" && vsnParam !== "2.0.0") {
      return rejectUpgrade(socket, 400, "Bad Request", `unsupported protocol version vsn=${vsnParam} (1.0.0 and 2.0.0 are)`);
    }
    const vsn: Vsn = vsnParam;
    const headers = new Headers();
    const apiKeyHeader = request.headers.apikey;
    if (typeof apiKeyHeader === "string") headers.set("apikey", apiKeyHeader);
    void resolveCaller(new Request(url, { headers }), ctx).then(
      (caller) => {
        const apiKey = url.searchParams.get("apikey") ?? apiKeyHeader;
        if (!caller.ok || typeof apiKey !== "string") {
          return rejectUpgrade(socket, 401, "Unauthorized", caller.ok ? "No API key found in request" : caller.message);
        }
        wss.handleUpgrade(request, socket, head, (ws) => channels.accept(ws, vsn, apiKey));
      },
      (error: unknown) => rejectUpgrade(socket, 500, "Internal Server Error", String(error)),
    );
  };
  server.on("upgrade", onUpgrade);

  const sweeper = setInterval(() => channels.sweep(), Math.min(5000, Math.max(100, limits.heartbeatTimeoutMs / 4)));
  sweeper.unref();
  const partitions = setInterval(() => {
    ctx.db.admin.query("select realtime.ensure_partitions()").catch(() => undefined);
  }, PARTITIONS_EVERY_MS);
  partitions.unref();

  return {
    async stop() {
      server.off("upgrade", onUpgrade);
      clearInterval(sweeper);
      clearInterval(partitions);
      channels.closeAll(1001, "server shutting down");
      hubs.delete(ctx);
      await delivery.stop();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

const broadcastRequestSchema = z.object({
  messages: z.array(
    z.object({
      topic: z.string().min(1),
      event: z.string().min(1),
      payload: z.unknown().optional(),
      private: z.boolean().optional(),
    }),
  ),
});

async function mayWrite(ctx: StackContext, topic: string, claims: Claims, cache: Map<string, boolean>): Promise<boolean> {
  let allowed = cache.get(topic);
  if (allowed === undefined) {
    try {
      allowed = await canWrite(ctx.db.admin, topic, claims, "broadcast");
    } catch (error) {
      if (!(error instanceof AuthorizationError)) throw error;
      allowed = false;
    }
    cache.set(topic, allowed);
  }
  return allowed;
}

/** HTTP side of Realtime: `POST /api/broadcast` (send() before subscribing) and `POST /api/broadcast/<topic>/events/<event>` (httpSend). */
export const handleRealtimeHttp: ServiceHandler = async (request, path, ctx) => {
  const hub = hubs.get(ctx);
  if (!hub) return json({ message: "Realtime is not running in this stack" }, 503);
  const single = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)\/?$/.exec(path);
  const batch = path === "/api/broadcast" || path === "/api/broadcast/";
  if (request.method !== "POST" || (!single && !batch)) {
    return json({ message: `Realtime ${request.method} ${path} is not supported by the local stack` }, 404);
  }
  const caller = await resolveCaller(request, ctx);
  if (!caller.ok) return json({ error: caller.message, message: caller.message }, 401);
  const writeCache = new Map<string, boolean>();
  const tooLarge = (size: number) =>
    json({ error: `Payload too large: ${size} bytes, the limit is ${hub.limits.maxPayloadBytes}` }, 413);

  if (single) {
    const url = new URL(request.url);
    if (url.searchParams.has("persist") || url.searchParams.has("persist[ttl]")) {
      return json({ error: "persisted broadcasts (persist) are not supported by the local Supabase stack" }, 422);
    }
    const topic = decodeURIComponent(single[1]);
    const event = decodeURIComponent(single[2]);
    const isPrivate = url.searchParams.get("private") === "true";
    const binary = (request.headers.get("content-type") ?? "").startsWith("application/octet-stream");
    const bytes = Buffer.from(await request.arrayBuffer());
    if (!binary) {
      try {
        JSON.parse(bytes.toString("utf8"));
      } catch {
        return json({ error: "the body must be JSON (or application/octet-stream)" }, 400);
      }
    }
    if (bytes.length > hub.limits.maxPayloadBytes) return tooLarge(bytes.length);
    if (!isPrivate || (await mayWrite(ctx, topic, caller.claims, writeCache))) {
      hub.broadcastTo(topic, isPrivate, { event, encoding: binary ? 0 : 1, bytes, meta: null }, { asText: !binary });
    }
    return new Response(null, { status: 202 });
  }

  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ error: "the body must be JSON" }, 400);
  }
  const parsed = broadcastRequestSchema.safeParse(body);
  if (!parsed.success) {
    return json({ error: "expected {messages: [{topic, event, payload, private}]}", issues: parsed.error.issues }, 422);
  }
  const bodies = parsed.data.messages.map((message) => Buffer.from(JSON.stringify(message.payload ?? {})));
  const largest = Math.max(0, ...bodies.map((bytes) => bytes.length));
  if (largest > hub.limits.maxPayloadBytes) return tooLarge(largest);
  for (const [index, message] of parsed.data.messages.entries()) {
    const isPrivate = message.private === true;
    // Private messages without the write policy are dropped silently (still 202), as on Supabase.
    if (isPrivate && !(await mayWrite(ctx, message.topic, caller.claims, writeCache))) continue;
    hub.broadcastTo(message.topic, isPrivate, { event: message.event, encoding: 1, bytes: bodies[index], meta: null }, { asText: true });
  }
  return new Response(null, { status: 202 });
};
