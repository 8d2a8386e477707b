// Schema cache: what PostgREST knows about the exposed schemas (tables, views, columns, keys, functions), read from
// pg_catalog with the superuser pool, once per stack, and again on `NOTIFY pgrst, 'reload schema'` or on a miss.
import pg from "pg";
import type { StackContext } from "../context.ts";

/** Schemas served by /rest/v1, like `[api] schemas` of a Supabase project. */
export const EXPOSED_SCHEMAS = ["public"];
/** `extra_search_path` of Supabase projects. */
export const EXTRA_SEARCH_PATH = ["public", "extensions"];
export const API_ROLES = ["anon", "authenticated", "service_role"];

export interface Column {
  name: string;
  /** format_type() output, schema-qualified unless in pg_catalog. */
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}

export interface Relation {
  schema: string;
  name: string;
  /** r table, p partitioned, v view, m materialized view, f foreign table, or "fn" for the result of a function */
  kind: string;
  columns: Map<string, Column>;
  primaryKey: string[];
  /** Sets of columns with a unique or primary key constraint. */
  uniqueKeys: string[][];
}

export interface ForeignKey {
  name: string;
  schema: string;
  table: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

export interface FunctionArg {
  name: string;
  type: string;
  /** i in, o out, b inout, v variadic, t table column */
  mode: string;
  hasDefault: boolean;
}

export interface FunctionDef {
  schema: string;
  name: string;
  args: FunctionArg[];
  returnsSet: boolean;
  /** s stable, i immutable, v volatile */
  volatility: string;
  returnType: string;
  /** void, scalar, composite (named type or TABLE/OUT columns), or an anonymous record (unsupported) */
  returnKind: "void" | "scalar" | "composite" | "record";
  /** Columns of a composite result. */
  returnColumns: Column[];
  /** When the result is the row type of a table or view of the same schema: its name (enables embedding). */
  returnRelation: string | null;
  /**
   * The function's own settings (`create function … set name = value`) that PostgREST hoists to the transaction of an
   * RPC call (its `db-hoisted-tx-settings` default): statement_timeout as a transaction-scoped setting,
   * default_transaction_isolation as the transaction's isolation level. Others stay function-scoped, as in PostgreSQL.
   */
  hoisted: { statementTimeout: string | null; isolationLevel: string | null };
}

export interface SchemaCache {
  relations: Map<string, Relation>;
  foreignKeys: ForeignKey[];
  functions: Map<string, FunctionDef[]>;
  /** Per API role, the settings PostgREST applies on impersonation (statement_timeout ...). */
  roleSettings: Map<string, Record<string, string>>;
  loadedAt: number;
}

export const relationKey = (schema: string, name: string) => `${schema}\u0000${name}`;

const RELATIONS_SQL = `
select n.nspname as schema, c.relname as name, c.relkind::text as kind,
  coalesce((select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
      'notNull', a.attnotnull, 'hasDefault', a.atthasdef or a.attidentity <> '' or a.attgenerated <> '') order by a.attnum)
    from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]') as columns
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm', 'f')`;

const CONSTRAINTS_SQL = `
select con.conname as name, con.contype::text as type, n.nspname as schema, c.relname as table,
  array(select a.attname::text from unnest(con.conkey) with ordinality k(num, i)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.i) as columns,
  fn.nspname as ref_schema, fc.relname as ref_table,
  array(select a.attname::text from unnest(con.confkey) with ordinality k(num, i)
    join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.i) as ref_columns
from pg_constraint con
join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
left join pg_class fc on fc.oid = con.confrelid left join pg_namespace fn on fn.oid = fc.relnamespace
where con.contype in ('p', 'u', 'f') and n.nspname = any($1)`;

const FUNCTIONS_SQL = `
select n.nspname as schema, p.proname as name, p.proretset as returns_set, p.provolatile::text as volatility,
  format_type(p.prorettype, null) as return_type, t.typtype::text as typtype, t.typname::text as typname,
  rn.nspname as ret_schema, rc.relname as ret_relation, rc.relkind::text as ret_kind,
  coalesce((select json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
      'notNull', false, 'hasDefault', false) order by a.attnum)
    from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped), '[]') as type_columns,
  coalesce((select json_agg(json_build_object('name', coalesce(p.proargnames[u.i], ''), 'type', format_type(u.tp, null),
      'mode', coalesce(p.proargmodes[u.i]::text, 'i')) order by u.i)
    from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as u(tp, i)), '[]') as args,
  p.pronargdefaults as n_defaults, coalesce(p.proconfig, '{}') as config
from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_type t on t.oid = p.prorettype
left join pg_class rc on rc.oid = t.typrelid left join pg_namespace rn on rn.oid = rc.relnamespace
where n.nspname = any($1) and p.prokind = 'f'`;

const ROLE_SETTINGS_SQL = `
select r.rolname as role, s.setconfig as config
from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
where s.setdatabase in (0, (select oid from pg_database where datname = current_database())) and r.rolname = any($1)
order by s.setdatabase`;

interface RelationRow {
  schema: string;
  name: string;
  kind: string;
  columns: Column[];
}
interface ConstraintRow {
  name: string;
  type: string;
  schema: string;
  table: string;
  columns: string[];
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[];
}
interface FunctionRow {
  schema: string;
  name: string;
  returns_set: boolean;
  volatility: string;
  return_type: string;
  typtype: string;
  typname: string;
  ret_schema: string | null;
  ret_relation: string | null;
  ret_kind: string | null;
  type_columns: Column[];
  args: { name: string; type: string; mode: string }[];
  n_defaults: number;
  config: string[];
}

const ROLE_SETTINGS_APPLIED = new Set(["statement_timeout", "lock_timeout"]);

/**
 * PostgREST's default db-hoisted-tx-settings, read from pg_proc.proconfig ("name=value" entries). The third one,
 * plan_filter.statement_cost_limit, needs pg_plan_filter, which the local database does not have: such a function
 * cannot be created here.
 */
export function hoistedSettings(config: string[]): FunctionDef["hoisted"] {
  const hoisted: FunctionDef["hoisted"] = { statementTimeout: null, isolationLevel: null };
  for (const entry of config) {
    const at = entry.indexOf("=");
    const name = entry.slice(0, at);
    const value = entry.slice(at + 1);
    if (name === "statement_timeout") hoisted.statementTimeout = value;
    // PostgreSQL stores a valid level only ("serializable", "repeatable read", …): safe in BEGIN ISOLATION LEVEL.
    else if (name === "default_transaction_isolation") hoisted.isolationLevel = value;
  }
  return hoisted;
}

export async function loadSchemaCache(pool: pg.Pool): Promise<SchemaCache> {
  const client = await pool.connect();
  try {
    await client.query("begin read only");
    // format_type() then qualifies every type outside pg_catalog, so the names resolve under any search_path.
    await client.query("set local search_path = pg_catalog");
    const schemas = EXPOSED_SCHEMAS;
    const relationRows = (await client.query<RelationRow>(RELATIONS_SQL, [schemas])).rows;
    const constraintRows = (await client.query<ConstraintRow>(CONSTRAINTS_SQL, [schemas])).rows;
    const functionRows = (await client.query<FunctionRow>(FUNCTIONS_SQL, [schemas])).rows;
    const settingRows = (await client.query<{ role: string; config: string[] }>(ROLE_SETTINGS_SQL, [API_ROLES])).rows;
    await client.query("commit");

    const relations = new Map<string, Relation>();
    for (const row of relationRows) {
      relations.set(relationKey(row.schema, row.name), {
        schema: row.schema,
        name: row.name,
        kind: row.kind,
        columns: new Map(row.columns.map((column) => [column.name, column])),
        primaryKey: [],
        uniqueKeys: [],
      });
    }
    const foreignKeys: ForeignKey[] = [];
    for (const row of constraintRows) {
      const relation = relations.get(relationKey(row.schema, row.table));
      if (row.type === "f") {
        if (row.ref_schema === null || row.ref_table === null) continue;
        foreignKeys.push({
          name: row.name,
          schema: row.schema,
          table: row.table,
          columns: row.columns,
          refSchema: row.ref_schema,
          refTable: row.ref_table,
          refColumns: row.ref_columns,
        });
      } else if (relation) {
        if (row.type === "p") relation.primaryKey = row.columns;
        relation.uniqueKeys.push(row.columns);
      }
    }
    const functions = new Map<string, FunctionDef[]>();
    for (const row of functionRows) {
      const nDefaults = row.n_defaults;
      const inputs = row.args.filter((arg) => arg.mode === "i" || arg.mode === "b" || arg.mode === "v");
      const args: FunctionArg[] = row.args.map((arg) => ({
        ...arg,
        hasDefault: inputs.indexOf(arg) >= inputs.length - nDefaults && inputs.includes(arg),
      }));
      const outputs = row.args.filter((arg) => arg.mode === "o" || arg.mode === "b" || arg.mode === "t");
      let returnKind: FunctionDef["returnKind"];
      let returnColumns: Column[] = [];
      if (row.typtype === "c") {
        returnKind = "composite";
        returnColumns = row.type_columns;
      } else if (row.typname === "void") {
        returnKind = "void";
      } else if (row.typname === "record") {
        returnKind = outputs.length > 0 ? "composite" : "record";
        returnColumns = outputs.map((arg) => ({ name: arg.name, type: arg.type, notNull: false, hasDefault: false }));
      } else {
        returnKind = "scalar";
      }
      const definition: FunctionDef = {
        schema: row.schema,
        name: row.name,
        args,
        returnsSet: row.returns_set,
        volatility: row.volatility,
        returnType: row.return_type,
        returnKind,
        returnColumns,
        returnRelation:
          row.ret_relation !== null && row.ret_schema === row.schema && row.ret_kind !== "c" ? row.ret_relation : null,
        hoisted: hoistedSettings(row.config),
      };
      const key = relationKey(row.schema, row.name);
      functions.set(key, [...(functions.get(key) ?? []), definition]);
    }
    const roleSettings = new Map<string, Record<string, string>>();
    for (const row of settingRows) {
      const settings = roleSettings.get(row.role) ?? {};
      for (const entry of row.config) {
        const at = entry.indexOf("=");
        const name = entry.slice(0, at);
        if (ROLE_SETTINGS_APPLIED.has(name)) settings[name] = entry.slice(at + 1);
      }
      roleSettings.set(row.role, settings);
    }
    return { relations, foreignKeys, functions, roleSettings, loadedAt: performance.now() };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The cache of one stack: loaded lazily, reloaded on `NOTIFY pgrst` (LISTEN on a dedicated connection) and on demand
 * when a request names something unknown.
 */
export class SchemaStore {
  readonly #ctx: StackContext;
  #current: Promise<SchemaCache> | null = null;
  #loadStartedAt = -1;
  #listener: pg.Client | null = null;
  #listening: Promise<void> | null = null;
  #stopped = false;

  constructor(ctx: StackContext) {
    this.#ctx = ctx;
  }

  /** The current cache, loading it (and starting the listener) on first use. */
  async get(): Promise<SchemaCache> {
    if (this.#stopped) throw new Error("the REST service is stopped");
    await this.#listen();
    if (!this.#current) this.#reload();
    return this.#current as Promise<SchemaCache>;
  }

  /** Reloads unless a load started after `since` (a request's start): coalesces the reloads of concurrent misses. */
  async refresh(since: number): Promise<SchemaCache> {
    if (this.#current && this.#loadStartedAt >= since) return this.#current;
    this.#reload();
    return this.#current as Promise<SchemaCache>;
  }

  #reload(): void {
    this.#loadStartedAt = performance.now();
    const loading = loadSchemaCache(this.#ctx.db.admin);
    loading.catch(() => {
      if (this.#current === loading) this.#current = null; // the next request tries again
    });
    this.#current = loading;
  }

  async #listen(): Promise<void> {
    if (this.#listener) return;
    if (!this.#listening) {
      this.#listening = this.#startListener().finally(() => {
        this.#listening = null;
      });
    }
    await this.#listening;
  }

  async #startListener(): Promise<void> {
    const client = new pg.Client(this.#ctx.db.admin.options);
    const lost = () => {
      if (this.#listener === client) this.#listener = null;
      this.#current = null; // changes may be missed while disconnected: reload on the next request
      client.end().catch(() => undefined);
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", (message) => {
      if (message.channel !== "pgrst") return;
      const payload = (message.payload ?? "").trim();
      if (payload === "" || payload === "reload schema") this.#reload();
    });
    try {
      await client.connect();
      await client.query("listen pgrst");
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (this.#stopped) {
      await client.end();
      return;
    }
    this.#listener = client;
    this.#current = null; // anything loaded before we listened may be stale
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#listening?.catch(() => undefined);
    const listener = this.#listener;
    this.#listener = null;
    if (listener) {
      listener.removeAllListeners("end");
      await listener.end().catch(() => undefined);
    }
  }
}
