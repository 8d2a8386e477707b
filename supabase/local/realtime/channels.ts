import { randomBytes, randomUUID } from "node:crypto";
import type { WebSocket } from "ws";
import type { Claims, StackContext } from "../context.ts";
import { TokenError } from "../keys.ts";
import { AuthorizationError, canWrite, readPolicies, type Extension } from "./authorization.ts";
import { decodeFrame, encodeText, OutboundBroadcast, type BroadcastBody, type InboundFrame, type Vsn } from "./protocol.ts";

export interface Limits {
  heartbeatTimeoutMs: number;
  maxFrameBytes: number;
  maxPayloadBytes: number;
  maxSendBufferBytes: number;
}

const MAX_CHANNELS_PER_SOCKET = 100;
const MAX_TIMER_MS = 2 ** 31 - 1;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class Connection {
  readonly id = randomUUID();
  readonly ws: WebSocket;
  readonly vsn: Vsn;
  /** The socket's `apikey`: the token of joins that carry no `access_token`. */
  readonly apiKey: string;
  readonly joins = new Map<string, Join>();
  lastSeen = Date.now();
  queue: Promise<void> = Promise.resolve();
  readonly #maxSendBufferBytes: number;

  constructor(ws: WebSocket, vsn: Vsn, apiKey: string, maxSendBufferBytes: number) {
    this.ws = ws;
    this.vsn = vsn;
    this.apiKey = apiKey;
    this.#maxSendBufferBytes = maxSendBufferBytes;
  }

  /** Sends without waiting; a reader that lets unsent data pile up is dropped so it cannot hold memory or others back. */
  send(data: string | Buffer): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.#maxSendBufferBytes) {
      this.ws.terminate();
      return;
    }
    this.ws.send(data);
  }

  push(joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown): void {
    this.send(encodeText(this.vsn, joinRef, ref, topic, event, payload));
  }
}

interface PresenceEntry {
  key: string;
  meta: Json;
}

export interface Join {
  conn: Connection;
  /** `realtime:<name>` */
  topic: string;
  /** The topic without `realtime:`, what policies see through realtime.topic(). */
  name: string;
  /** Public and private channels of one name are different topics. */
  topicKey: string;
  joinRef: string;
  isPrivate: boolean;
  self: boolean;
  ack: boolean;
  presenceEnabled: boolean;
  presenceKey: string;
  token: string;
  claims: Claims;
  readBroadcast: boolean;
  readPresence: boolean;
  /** Write permission per extension, asked at the first broadcast / track and kept until the token changes. */
  write: Map<Extension, boolean>;
  presence: PresenceEntry | null;
  expiry: NodeJS.Timeout | null;
}

function topicKeyOf(topic: string, isPrivate: boolean): string {
  return `${isPrivate ? "private" : "public"}|${topic}`;
}

function phxRef(): string {
  return randomBytes(9).toString("base64url");
}

type TokenResult = { ok: true; claims: Claims } | { ok: false; reason: string };

/** Channels, presence and fan-out of one stack. */
export class ChannelHub {
  readonly connections = new Set<Connection>();
  readonly #topics = new Map<string, Set<Join>>();
  readonly #ctx: StackContext;
  readonly limits: Limits;
  /** Resolves once database broadcasts are being listened to: joins wait for it, so nothing committed after SUBSCRIBED is missed. */
  readonly #ready: Promise<void>;

  constructor(ctx: StackContext, limits: Limits, ready: Promise<void>) {
    this.#ctx = ctx;
    this.limits = limits;
    this.#ready = ready;
  }

  // ---- connections -------------------------------------------------------------------------------------------------

  accept(ws: WebSocket, vsn: Vsn, apiKey: string): Connection {
    const conn = new Connection(ws, vsn, apiKey, this.limits.maxSendBufferBytes);
    this.connections.add(conn);
    ws.on("message", (data, isBinary) => {
      conn.lastSeen = Date.now();
      const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      this.#receive(conn, buffer, isBinary);
    });
    ws.on("close", () => this.#closed(conn));
    ws.on("error", () => undefined); // e.g. a frame above maxPayload: ws closes the socket with 1009 itself
    return conn;
  }

  #closed(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    for (const join of conn.joins.values()) this.#remove(join);
    conn.joins.clear();
  }

  /** Closes sockets silent for longer than the heartbeat timeout (dead peers never send a close frame). */
  sweep(now = Date.now()): void {
    for (const conn of this.connections) {
      if (now - conn.lastSeen > this.limits.heartbeatTimeoutMs) {
        conn.ws.terminate();
        this.#closed(conn);
      }
    }
  }

  closeAll(code: number, reason: string): void {
    for (const conn of this.connections) {
      conn.ws.close(code, reason);
      this.#closed(conn);
    }
  }

  #receive(conn: Connection, data: Buffer, isBinary: boolean): void {
    let frame: InboundFrame;
    try {
      frame = decodeFrame(conn.vsn, data, isBinary);
    } catch (error) {
      conn.ws.close(1007, `invalid message: ${error instanceof Error ? error.message : String(error)}`.slice(0, 120));
      return;
    }
    if (frame.topic === "phoenix") {
      if (frame.event === "heartbeat") conn.push(null, frame.ref, "phoenix", "phx_reply", { status: "ok", response: {} });
      return;
    }
    // One message at a time per socket: a join's database check must finish before that channel's next message.
    conn.queue = conn.queue
      .then(() => this.#handle(conn, frame))
      .catch((error: unknown) => {
        console.error("[local realtime] unexpected error", error);
        conn.push(frame.joinRef, frame.ref, frame.topic, "phx_reply", {
          status: "error",
          response: { reason: `internal error of the local stack: ${error instanceof Error ? error.message : String(error)}` },
        });
      });
  }

  // ---- channel messages --------------------------------------------------------------------------------------------

  async #handle(conn: Connection, frame: InboundFrame): Promise<void> {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    if (frame.event === "phx_join") return this.#join(conn, frame);
    const join = conn.joins.get(frame.topic);
    if (frame.event === "phx_leave") {
      if (join && (frame.joinRef === null || frame.joinRef === join.joinRef)) {
        this.#remove(join);
        conn.push(frame.joinRef, frame.ref, frame.topic, "phx_reply", { status: "ok", response: {} });
        conn.push(join.joinRef, join.joinRef, frame.topic, "phx_close", {});
      } else {
        conn.push(frame.joinRef, frame.ref, frame.topic, "phx_reply", { status: "ok", response: {} });
      }
      return;
    }
    if (!join) {
      conn.push(frame.joinRef, frame.ref, frame.topic, "phx_reply", { status: "error", response: { reason: "unmatched topic" } });
      return;
    }
    switch (frame.event) {
      case "access_token":
        return this.#accessToken(join, frame);
      case "broadcast":
        return this.#clientBroadcast(join, frame);
      case "presence":
        return this.#presence(join, frame);
      default:
        this.#reply(join, frame, "error", { reason: `event "${frame.event}" is not supported by the local Realtime` });
    }
  }

  #reply(join: Join, frame: InboundFrame, status: "ok" | "error", response: Json): void {
    join.conn.push(join.joinRef, frame.ref, join.topic, "phx_reply", { status, response });
  }

  async #tokenClaims(token: string): Promise<TokenResult> {
    const keyRole = this.#ctx.keys.apiKeyRole(token);
    if (keyRole) return { ok: true, claims: { role: keyRole, iss: "supabase" } };
    let claims: Claims;
    try {
      claims = await this.#ctx.keys.verifyJwt(token);
    } catch (error) {
      if (error instanceof TokenError && error.reason === "expired") return { ok: false, reason: "InvalidJWTToken: Token has expired" };
      return { ok: false, reason: `InvalidJWTToken: ${error instanceof Error ? error.message : "invalid JWT"}` };
    }
    if (typeof claims.exp !== "number") {
      return { ok: false, reason: "InvalidJWTToken: Fields `role` and `exp` are required in JWT" };
    }
    return { ok: true, claims };
  }

  async #join(conn: Connection, frame: InboundFrame): Promise<void> {
    const { topic, payload } = frame;
    const refuse = (reason: string) =>
      conn.push(frame.joinRef, frame.ref, topic, "phx_reply", { status: "error", response: { reason } });

    const previous = conn.joins.get(topic);
    if (previous) this.#remove(previous); // Phoenix closes a channel joined again on the same socket
    if (!topic.startsWith("realtime:")) return refuse("unmatched topic");
    if (conn.joins.size >= MAX_CHANNELS_PER_SOCKET) {
      return refuse(`Too many channels: at most ${MAX_CHANNELS_PER_SOCKET} per connection`);
    }
    const config = isObject(payload.config) ? payload.config : {};
    const broadcast = isObject(config.broadcast) ? config.broadcast : {};
    const presence = isObject(config.presence) ? config.presence : {};
    const isPrivate = config.private === true;
    const postgresChanges = Array.isArray(config.postgres_changes) ? config.postgres_changes : [];
    if (postgresChanges.length > 0) {
      return refuse(
        "postgres_changes is not supported by the local Supabase stack: broadcast the change from the database " +
          "with realtime.send() or realtime.broadcast_changes() and listen with .on('broadcast', …)",
      );
    }
    if (broadcast.replay !== undefined && broadcast.replay !== null) {
      return refuse("broadcast replay is not supported by the local Supabase stack");
    }
    const token = typeof payload.access_token === "string" && payload.access_token ? payload.access_token : conn.apiKey;
    const verified = await this.#tokenClaims(token);
    if (!verified.ok) return refuse(verified.reason);

    const name = topic.slice("realtime:".length);
    const presenceEnabled = presence.enabled === true;
    let readBroadcast = true;
    let readPresence = true;
    if (isPrivate) {
      try {
        const policies = await readPolicies(this.#ctx.db.admin, name, verified.claims, presenceEnabled);
        readBroadcast = policies.broadcast;
        readPresence = policies.presence;
      } catch (error) {
        if (error instanceof AuthorizationError) return refuse(`Unable to check the channel's policies: ${error.message}`);
        throw error;
      }
      if (!readBroadcast && !readPresence) {
        return refuse(`Unauthorized: You do not have permissions to read from this Channel topic: ${name}`);
      }
    }
    await this.#ready;
    if (conn.ws.readyState !== conn.ws.OPEN) return;

    const join: Join = {
      conn,
      topic,
      name,
      topicKey: topicKeyOf(topic, isPrivate),
      joinRef: frame.joinRef ?? frame.ref ?? "",
      isPrivate,
      self: broadcast.self === true,
      ack: broadcast.ack === true,
      presenceEnabled,
      presenceKey: typeof presence.key === "string" && presence.key ? presence.key : randomUUID(),
      token,
      claims: verified.claims,
      readBroadcast,
      readPresence,
      write: new Map(),
      presence: null,
      expiry: null,
    };
    conn.joins.set(topic, join);
    let members = this.#topics.get(join.topicKey);
    if (!members) this.#topics.set(join.topicKey, (members = new Set()));
    members.add(join);
    this.#scheduleExpiry(join);

    conn.push(join.joinRef, frame.ref, topic, "phx_reply", { status: "ok", response: { postgres_changes: [] } });
    if (this.#receivesPresence(join)) {
      conn.push(join.joinRef, null, topic, "presence_state", this.#presenceState(members));
    }
  }

  /** Removes a join from its topic (presence leave included). No message to its own socket. */
  #remove(join: Join): void {
    if (join.conn.joins.get(join.topic) === join) join.conn.joins.delete(join.topic);
    const members = this.#topics.get(join.topicKey);
    if (!members?.delete(join)) return;
    if (join.expiry) clearTimeout(join.expiry);
    join.expiry = null;
    if (join.presence) {
      const left = join.presence;
      join.presence = null;
      this.#presenceDiff(members, {}, { [left.key]: { metas: [left.meta] } });
    }
    if (members.size === 0) this.#topics.delete(join.topicKey);
  }

  /** Server-side stop of a channel: a `system` error, then `phx_close` (the client does not rejoin). */
  #shutdown(join: Join, message: string): void {
    this.#remove(join);
    join.conn.push(join.joinRef, null, join.topic, "system", {
      extension: "system",
      status: "error",
      message,
      channel: join.name,
    });
    join.conn.push(join.joinRef, join.joinRef, join.topic, "phx_close", {});
  }

  #scheduleExpiry(join: Join): void {
    if (join.expiry) clearTimeout(join.expiry);
    join.expiry = null;
    const exp = join.claims.exp;
    if (typeof exp !== "number") return;
    const delay = exp * 1000 - Date.now();
    if (delay > MAX_TIMER_MS) return;
    join.expiry = setTimeout(() => this.#shutdown(join, "Token has expired"), Math.max(0, delay));
    join.expiry.unref();
  }

  async #accessToken(join: Join, frame: InboundFrame): Promise<void> {
    const token = frame.payload.access_token;
    // New-format keys are not JWTs; Realtime ignores them as token updates.
    if (typeof token !== "string" || !token || token.startsWith("sb_") || token === join.token) return;
    const verified = await this.#tokenClaims(token);
    if (!verified.ok) return this.#shutdown(join, verified.reason);
    if (join.isPrivate) {
      let policies;
      try {
        policies = await readPolicies(this.#ctx.db.admin, join.name, verified.claims, join.presenceEnabled);
      } catch (error) {
        if (error instanceof AuthorizationError) return this.#shutdown(join, `Unable to check the channel's policies: ${error.message}`);
        throw error;
      }
      if (!policies.broadcast && !policies.presence) {
        return this.#shutdown(join, `You no longer have permission to read from this Channel topic: ${join.name}`);
      }
      join.readBroadcast = policies.broadcast;
      join.readPresence = policies.presence;
    }
    join.token = token;
    join.claims = verified.claims;
    join.write.clear();
    this.#scheduleExpiry(join);
  }

  async #canWrite(join: Join, extension: Extension): Promise<boolean> {
    if (!join.isPrivate) return true;
    const cached = join.write.get(extension);
    if (cached !== undefined) return cached;
    let allowed = false;
    try {
      allowed = await canWrite(this.#ctx.db.admin, join.name, join.claims, extension);
    } catch (error) {
      if (!(error instanceof AuthorizationError)) throw error;
      console.error(`[local realtime] write check on ${join.name} failed: ${error.message}`);
      return false; // not cached: a missing partition may be created meanwhile
    }
    join.write.set(extension, allowed);
    return allowed;
  }

  // ---- broadcast ---------------------------------------------------------------------------------------------------

  async #clientBroadcast(join: Join, frame: InboundFrame): Promise<void> {
    const body = frame.broadcast;
    if (!body) return this.#reply(join, frame, "error", { reason: "a broadcast needs an event name" });
    if (body.meta && body.meta.persist !== undefined) {
      const message = "persisted broadcasts (persist) are not supported by the local Supabase stack";
      return this.#reply(join, frame, "error", { reason: message, error: message });
    }
    if (body.bytes.length > this.limits.maxPayloadBytes) {
      return this.#reply(join, frame, "error", {
        reason: `Payload too large: ${body.bytes.length} bytes, the limit is ${this.limits.maxPayloadBytes}`,
      });
    }
    // Refused writes are dropped without a reply, even with ack: the client's send() then times out, as on Supabase.
    if (!(await this.#canWrite(join, "broadcast"))) return;
    this.fanout(join.topicKey, new OutboundBroadcast(join.topic, body), join.self ? null : join);
    if (join.ack) this.#reply(join, frame, "ok", {});
  }

  /** Sends a broadcast to the members of a topic allowed to read it; returns how many sockets got it. */
  fanout(topicKey: string, message: OutboundBroadcast, exclude: Join | null): number {
    const members = this.#topics.get(topicKey);
    if (!members) return 0;
    let sent = 0;
    for (const member of members) {
      if (member === exclude || !member.readBroadcast) continue;
      const data = message.frame(member.conn.vsn);
      if (data === null) continue;
      member.conn.send(data);
      sent++;
    }
    return sent;
  }

  /** A broadcast from the REST API or the database, to `realtime:<name>` public or private members. */
  broadcastTo(name: string, isPrivate: boolean, body: BroadcastBody, options: { meta?: Json; asText?: boolean }): number {
    const topic = `realtime:${name}`;
    const key = topicKeyOf(topic, isPrivate);
    if (!this.#topics.has(key)) return 0;
    return this.fanout(key, new OutboundBroadcast(topic, body, options), null);
  }

  // ---- presence ----------------------------------------------------------------------------------------------------

  #receivesPresence(join: Join): boolean {
    return join.presenceEnabled && join.readPresence;
  }

  #presenceState(members: Set<Join>): Record<string, { metas: Json[] }> {
    const state: Record<string, { metas: Json[] }> = {};
    for (const member of members) {
      if (!member.presence) continue;
      (state[member.presence.key] ??= { metas: [] }).metas.push(member.presence.meta);
    }
    return state;
  }

  #presenceDiff(members: Set<Join>, joins: Json, leaves: Json): void {
    const diff = JSON.stringify({ joins, leaves });
    for (const member of members) {
      if (!this.#receivesPresence(member)) continue;
      const ref = JSON.stringify(member.joinRef);
      const topic = JSON.stringify(member.topic);
      member.conn.send(
        member.conn.vsn === "2.0.0"
          ? `[${ref},null,${topic},"presence_diff",${diff}]`
          : `{"join_ref":${ref},"ref":null,"topic":${topic},"event":"presence_diff","payload":${diff}}`,
      );
    }
  }

  async #presence(join: Join, frame: InboundFrame): Promise<void> {
    const event = frame.payload.event;
    const members = this.#topics.get(join.topicKey);
    if (!members) return;
    if (event === "track") {
      const meta = isObject(frame.payload.payload) ? frame.payload.payload : {};
      const size = Buffer.byteLength(JSON.stringify(meta));
      if (size > this.limits.maxPayloadBytes) {
        return this.#reply(join, frame, "error", { reason: `Payload too large: ${size} bytes, the limit is ${this.limits.maxPayloadBytes}` });
      }
      if (!(await this.#canWrite(join, "presence"))) {
        return this.#reply(join, frame, "error", {
          reason: `Unauthorized: You do not have permissions to track presence on this Channel topic: ${join.name}`,
        });
      }
      if (!members.has(join)) return; // left while the check ran
      const previous = join.presence;
      const entry: PresenceEntry = { key: join.presenceKey, meta: { ...meta, phx_ref: phxRef() } };
      if (previous) entry.meta.phx_ref_prev = previous.meta.phx_ref;
      join.presence = entry;
      this.#presenceDiff(
        members,
        { [entry.key]: { metas: [entry.meta] } },
        previous ? { [previous.key]: { metas: [previous.meta] } } : {},
      );
      return this.#reply(join, frame, "ok", {});
    }
    if (event === "untrack") {
      const previous = join.presence;
      join.presence = null;
      if (previous) this.#presenceDiff(members, {}, { [previous.key]: { metas: [previous.meta] } });
      return this.#reply(join, frame, "ok", {});
    }
    this.#reply(join, frame, "error", { reason: `unknown presence event ${JSON.stringify(event)}` });
  }
}
