// Phoenix channel framing as realtime-js 2.x speaks it (wire-protocol doc §4.2): vsn 2.0.0 sends text frames
// `[join_ref, ref, topic, event, payload]` plus binary kind 3 (client broadcast) in and kind 4 (broadcast) out;
// vsn 1.0.0 sends JSON objects `{join_ref, ref, topic, event, payload}` only.

export type Vsn = "1.0.0" | "2.0.0";

export interface InboundFrame {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  /** Parsed JSON payload; for a kind-3 broadcast, `{type, event}` with the user payload kept as bytes in `broadcast`. */
  payload: Record<string, unknown>;
  broadcast?: BroadcastBody;
}

/** A broadcast's user payload, kept as it arrived so relays do not re-serialize it. */
export interface BroadcastBody {
  event: string;
  /** 1 = JSON text, 0 = opaque bytes. */
  encoding: 0 | 1;
  bytes: Buffer;
  /** Frame metadata (only `persist` is defined by the client). */
  meta: Record<string, unknown> | null;
}

export class ProtocolError extends Error {}

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function refOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new ProtocolError("join_ref and ref must be strings or null");
}

function textFrame(join_ref: unknown, ref: unknown, topic: unknown, event: unknown, payload: unknown): InboundFrame {
  if (typeof topic !== "string" || typeof event !== "string") throw new ProtocolError("topic and event must be strings");
  return { joinRef: refOf(join_ref), ref: refOf(ref), topic, event, payload: isObject(payload) ? payload : {} };
}

function decodeBroadcastPush(data: Buffer): InboundFrame {
  if (data.length < 7) throw new ProtocolError("binary frame too short");
  const [joinRefLength, refLength, topicLength, eventLength, metaLength] = [data[1], data[2], data[3], data[4], data[5]];
  const encoding = data[6];
  if (encoding !== 0 && encoding !== 1) throw new ProtocolError(`unknown payload encoding ${encoding}`);
  let offset = 7;
  const take = (length: number) => {
    if (offset + length > data.length) throw new ProtocolError("binary frame shorter than its header says");
    const slice = data.subarray(offset, offset + length);
    offset += length;
    return slice.toString("utf8");
  };
  const joinRef = take(joinRefLength);
  const ref = take(refLength);
  const topic = take(topicLength);
  const event = take(eventLength);
  const metaText = take(metaLength);
  let meta: Record<string, unknown> | null = null;
  if (metaText) {
    const parsed: unknown = JSON.parse(metaText);
    meta = isObject(parsed) ? parsed : null;
  }
  const bytes = data.subarray(offset);
  return {
    joinRef: joinRef || null,
    ref: ref || null,
    topic,
    event: "broadcast",
    payload: { type: "broadcast", event },
    broadcast: { event, encoding, bytes, meta },
  };
}

/** Decodes one WebSocket message. Throws ProtocolError (or SyntaxError) on malformed input. */
export function decodeFrame(vsn: Vsn, data: Buffer, isBinary: boolean): InboundFrame {
  if (isBinary) {
    if (vsn !== "2.0.0") throw new ProtocolError("binary frames need vsn 2.0.0");
    if (data[0] !== KIND_USER_BROADCAST_PUSH) throw new ProtocolError(`unsupported binary frame kind ${data[0]}`);
    return decodeBroadcastPush(data);
  }
  const parsed: unknown = JSON.parse(data.toString("utf8"));
  if (vsn === "2.0.0") {
    if (!Array.isArray(parsed) || parsed.length !== 5) throw new ProtocolError("vsn 2.0.0 text frames are 5-element arrays");
    const frame = textFrame(parsed[0], parsed[1], parsed[2], parsed[3], parsed[4]);
    return withJsonBroadcast(frame);
  }
  if (!isObject(parsed)) throw new ProtocolError("vsn 1.0.0 frames are JSON objects");
  return withJsonBroadcast(textFrame(parsed.join_ref, parsed.ref, parsed.topic, parsed.event, parsed.payload));
}

/** A broadcast sent as JSON (vsn 1.0.0, or a text frame) gets the same body as a binary one. */
function withJsonBroadcast(frame: InboundFrame): InboundFrame {
  if (frame.event !== "broadcast" || typeof frame.payload.event !== "string") return frame;
  const bytes = Buffer.from(JSON.stringify(frame.payload.payload ?? {}));
  return { ...frame, broadcast: { event: frame.payload.event, encoding: 1, bytes, meta: null } };
}

/** A server → client message, encoded for one protocol version. */
export function encodeText(vsn: Vsn, joinRef: string | null, ref: string | null, topic: string, event: string, payload: unknown): string {
  if (vsn === "2.0.0") return JSON.stringify([joinRef, ref, topic, event, payload]);
  return JSON.stringify({ join_ref: joinRef, ref, topic, event, payload });
}

/**
 * A broadcast to members, encoded lazily per protocol version and cached, so a fan-out to N sockets serializes once.
 * `meta` (e.g. `{id}` of a database message) becomes the kind-4 metadata / the JSON `meta` field.
 */
export class OutboundBroadcast {
  readonly topic: string;
  readonly event: string;
  readonly encoding: 0 | 1;
  readonly bytes: Buffer;
  readonly meta: Record<string, unknown> | null;
  /** REST-originated broadcasts reach v2 clients as text frames, like Realtime does. */
  readonly asText: boolean;
  #v1: string | null | undefined;
  #v2: Buffer | string | null | undefined;

  constructor(topic: string, body: BroadcastBody, options: { meta?: Record<string, unknown> | null; asText?: boolean } = {}) {
    this.topic = topic;
    this.event = body.event;
    this.encoding = body.encoding;
    this.bytes = body.bytes;
    this.meta = options.meta ?? null;
    this.asText = options.asText ?? false;
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  /** JSON text of `{type, event, payload, meta?}`, built without re-parsing the payload. Null for binary payloads. */
  #jsonBody(): string | null {
    if (this.encoding !== 1) return null;
    const meta = this.meta ? `,"meta":${JSON.stringify(this.meta)}` : "";
    const payload = this.bytes.length > 0 ? this.bytes.toString("utf8") : "null";
    return `{"type":"broadcast","event":${JSON.stringify(this.event)},"payload":${payload}${meta}}`;
  }

  /** The frame for a socket of protocol `vsn`; null when it cannot be represented (binary payload for vsn 1.0.0). */
  frame(vsn: Vsn): Buffer | string | null {
    if (vsn === "1.0.0") {
      if (this.#v1 === undefined) {
        const body = this.#jsonBody();
        this.#v1 = body === null ? null : `{"join_ref":null,"ref":null,"topic":${JSON.stringify(this.topic)},"event":"broadcast","payload":${body}}`;
      }
      return this.#v1;
    }
    if (this.#v2 === undefined) this.#v2 = this.#encodeV2();
    return this.#v2;
  }

  #encodeV2(): Buffer | string | null {
    const topic = Buffer.from(this.topic);
    const event = Buffer.from(this.event);
    const meta = Buffer.from(this.meta ? JSON.stringify(this.meta) : "");
    const body = this.#jsonBody();
    if (body !== null && (this.asText || topic.length > 255 || event.length > 255 || meta.length > 255)) {
      return `[null,null,${JSON.stringify(this.topic)},"broadcast",${body}]`;
    }
    if (topic.length > 255 || event.length > 255 || meta.length > 255) return null; // binary kind 4 lengths are one byte
    const header = Buffer.from([KIND_USER_BROADCAST, topic.length, event.length, meta.length, this.encoding]);
    return Buffer.concat([header, topic, event, meta, this.bytes]);
  }
}
