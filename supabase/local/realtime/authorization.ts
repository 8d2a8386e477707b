import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Claims } from "../context.ts";

// Private channels are authorized like Supabase Realtime's `authorization.ex` (bootstrap doc §5): probes on
// realtime.messages in a rolled-back transaction, run as the token's role with the request settings policies read.

export type Extension = "broadcast" | "presence";

export interface ReadPolicies {
  broadcast: boolean;
  presence: boolean;
}

export class AuthorizationError extends Error {}

const PROBE_TIMEOUT = "5s";

function settings(client: pg.PoolClient, topic: string, claims: Claims): string {
  const literal = (value: string) => client.escapeLiteral(value);
  const sub = typeof claims.sub === "string" ? claims.sub : "";
  return (
    `select set_config('role', ${literal(claims.role)}, true), ` +
    `set_config('realtime.topic', ${literal(topic)}, true), ` +
    `set_config('request.jwt.claims', ${literal(JSON.stringify(claims))}, true), ` +
    `set_config('request.jwt.claim.sub', ${literal(sub)}, true), ` +
    `set_config('request.jwt.claim.role', ${literal(claims.role)}, true), ` +
    `set_config('request.headers', '{}', true)`
  );
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "23514") return "no partition of realtime.messages for today (run realtime.ensure_partitions())";
  return error instanceof Error ? error.message : String(error);
}

/** One round trip: the statements run as a single simple query; an error leaves an aborted transaction to roll back. */
async function inRolledBackTransaction(pool: pg.Pool, build: (client: pg.PoolClient) => string): Promise<unknown> {
  const client = await pool.connect();
  let broken = false;
  try {
    const results: unknown = await client.query(
      `begin; set local statement_timeout = '${PROBE_TIMEOUT}'; ${build(client)}; rollback`,
    );
    return results;
  } catch (error) {
    try {
      await client.query("rollback");
    } catch {
      broken = true;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Which extensions the token may read on `topic` (SELECT policies on realtime.messages). */
export async function readPolicies(pool: pg.Pool, topic: string, claims: Claims, presence: boolean): Promise<ReadPolicies> {
  const probes = new Map<string, Extension>([[randomUUID(), "broadcast"]]);
  if (presence) probes.set(randomUUID(), "presence");
  let results: unknown;
  try {
    results = await inRolledBackTransaction(pool, (client) => {
      const rows = [...probes].map(([id, extension]) => `(${client.escapeLiteral(id)}, ${client.escapeLiteral(topic)}, '${extension}')`);
      const ids = [...probes.keys()].map((id) => client.escapeLiteral(id)).join(", ");
      return (
        `insert into realtime.messages (id, topic, extension) values ${rows.join(", ")}; ` +
        `${settings(client, topic, claims)}; ` +
        `select id::text as id from realtime.messages where id in (${ids})`
      );
    });
  } catch (error) {
    throw new AuthorizationError(describe(error));
  }
  const visible = new Set<Extension>();
  if (Array.isArray(results)) {
    const select: unknown = results.at(-2); // the last statement before `rollback`
    const rows = (select as { rows?: unknown } | undefined)?.rows;
    if (Array.isArray(rows)) {
      for (const row of rows) {
        const extension = probes.get(String((row as { id?: unknown }).id));
        if (extension) visible.add(extension);
      }
    }
  }
  return { broadcast: visible.has("broadcast"), presence: visible.has("presence") };
}

/** Whether the token may write `extension` on `topic` (INSERT policies on realtime.messages). */
export async function canWrite(pool: pg.Pool, topic: string, claims: Claims, extension: Extension): Promise<boolean> {
  try {
    await inRolledBackTransaction(
      pool,
      (client) =>
        `${settings(client, topic, claims)}; ` +
        `insert into realtime.messages (topic, extension) values (${client.escapeLiteral(topic)}, '${extension}')`,
    );
    return true;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "42501") return false;
    throw new AuthorizationError(describe(error));
  }
}
