// PostgREST subset mounted at /rest/v1 (wire doc §3): tables, views and rpc/<fn> of the exposed schemas, one
// transaction per request on the authenticator pool with the caller's role and claims, one SQL statement for the data.
import type pg from "pg";
import { resolveCaller, type Caller } from "../caller.ts";
import type { StackContext, ServiceHandler } from "../context.ts";
import { json } from "../http.ts";
import {
  buildMutation,
  buildRead,
  emptyLevel,
  functionCall,
  insertStatements,
  limitOffset,
  pathKey,
  QueryBuilder,
  quoteIdent,
  quoteRelation,
  requireNoConditions,
  resultRelation,
  returningList,
  sourceCte,
  type BuiltQuery,
  type LevelOptions,
} from "./builder.ts";
import { ApiError, CacheMissError, fromPgError, isPgError, unsupported } from "./errors.ts";
import {
  FILTER_OPERATORS,
  parseField,
  parseFilterValue,
  parseLogic,
  parseNonNegativeInt,
  parseOrder,
  parseSelect,
  splitKey,
  unquoteName,
  type SelectItem,
} from "./parser.ts";
import {
  API_ROLES,
  EXPOSED_SCHEMAS,
  EXTRA_SEARCH_PATH,
  relationKey,
  SchemaStore,
  type FunctionDef,
  type Relation,
  type SchemaCache,
} from "./schema.ts";

/** `max_rows` of Supabase projects: reads return at most this many rows (Content-Range tells the client). */
export const MAX_ROWS = 1000;

const stores = new WeakMap<StackContext, SchemaStore>();
function storeFor(ctx: StackContext): SchemaStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new SchemaStore(ctx);
    stores.set(ctx, store);
  }
  return store;
}

/** Closes the schema listener of this stack (called when the stack stops). */
export async function stopRest(ctx: StackContext): Promise<void> {
  await stores.get(ctx)?.stop();
  stores.delete(ctx);
}

const STALE_CACHE_CODES = new Set(["42P01", "42703", "42883"]);
const JSON_TYPE = "application/json; charset=utf-8";
const OBJECT_TYPE = "application/vnd.pgrst.object+json";
const RESERVED = new Set(["select", "order", "limit", "offset", "on_conflict", "columns", "or", "and"]);

interface Preferences {
  return: "representation" | "minimal" | null;
  count: boolean;
  resolution: "merge-duplicates" | "ignore-duplicates" | null;
  missingDefault: boolean;
}

type Target = { kind: "relation"; name: string } | { kind: "rpc"; name: string };

interface ParsedRequest {
  method: string;
  schema: string;
  target: Target;
  singular: boolean;
  prefer: Preferences;
  params: [string, string][];
  body: unknown;
  bodyText: string | null;
}

interface Plan {
  query: BuiltQuery;
  readOnly: boolean;
  kind: "read" | "insert" | "update" | "delete" | "rpc";
  representation: boolean;
  /** rpc results: void → 204, scalar → bare JSON, single → one object, set → array */
  rpcResult: "void" | "scalar" | "single" | "set" | null;
  /** Settings hoisted from the called function (rpc only). */
  hoisted?: FunctionDef["hoisted"];
}

interface ResultRow {
  total: string | null;
  page_count: string | number;
  body: string | null;
  /** rows a merge upsert inserted (rather than updated), when known */
  inserted?: string | null;
}

export const handleRest: ServiceHandler = async (request, path, ctx) => {
  let isAnon = true;
  try {
    const caller = await resolveCaller(request, ctx);
    if (!caller.ok) return callerError(caller);
    const role = caller.claims.role;
    isAnon = role === "anon";
    if (!API_ROLES.includes(role)) {
      throw new ApiError(
        401,
        "PGRST301",
        `The role "${role}" of the token is not one the API can switch to`,
        `The local stack only serves the roles ${API_ROLES.join(", ")}.`,
        null,
      );
    }
    const parsed = await parseRequest(request, path);
    const started = performance.now();
    const store = storeFor(ctx);
    let cache = await store.get();
    let plan: Plan;
    try {
      plan = makePlan(cache, parsed);
    } catch (error) {
      if (!(error instanceof CacheMissError)) throw error;
      cache = await store.refresh(started);
      plan = makePlan(cache, parsed);
    }
    try {
      return await execute(ctx, cache, caller.claims, request, path, parsed, plan);
    } catch (error) {
      // The database no longer has a table, column or function the cache named (changed without NOTIFY): the
      // transaction was rolled back, so reload the cache and run the request once more.
      if (!isPgError(error) || !STALE_CACHE_CODES.has(error.code) || cache.loadedAt >= started) throw error;
      cache = await store.refresh(started);
      return await execute(ctx, cache, caller.claims, request, path, parsed, makePlan(cache, parsed));
    }
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    if (isPgError(error)) return errorResponse(fromPgError(error, isAnon));
    throw error;
  }
};

function errorResponse(error: ApiError): Response {
  return json(error.body(), error.status, error.headers);
}

function callerError(caller: Extract<Caller, { ok: false }>): Response {
  switch (caller.reason) {
    case "no_api_key":
      return json({ message: caller.message, hint: "No `apikey` request header or url param was found." }, 401);
    case "invalid_api_key":
      return json({ message: caller.message, hint: "Double check your Supabase `anon` or `service_role` API key." }, 401);
    default: {
      const expired = caller.reason === "expired_token";
      const message = expired ? "JWT expired" : caller.message;
      const description = message.replaceAll('"', "'");
      return errorResponse(
        new ApiError(401, expired ? "PGRST303" : "PGRST301", message, null, null, {
          "www-authenticate": `Bearer error="invalid_token", error_description="${description}"`,
        }),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Request parsing (independent of the schema cache)

async function parseRequest(request: Request, path: string): Promise<ParsedRequest> {
  const method = request.method.toUpperCase();
  if (method === "PUT") throw unsupported("PUT (single-row upsert)");
  if (!["GET", "HEAD", "POST", "PATCH", "DELETE"].includes(method)) {
    throw new ApiError(405, "PGRST117", `Unsupported HTTP method: ${method}`);
  }
  const readMethod = method === "GET" || method === "HEAD";
  const profile = request.headers.get(readMethod ? "accept-profile" : "content-profile");
  const schema = profile ?? EXPOSED_SCHEMAS[0];
  if (!EXPOSED_SCHEMAS.includes(schema)) {
    throw new ApiError(406, "PGRST106", `The schema must be one of the following: ${EXPOSED_SCHEMAS.join(", ")}`);
  }
  let segments: string[];
  try {
    segments = path.split("/").filter((segment) => segment !== "").map(decodeURIComponent);
  } catch {
    throw new ApiError(400, "PGRST100", "the request path is not valid percent-encoding");
  }
  let target: Target;
  if (segments.length === 1 && segments[0] !== "rpc") target = { kind: "relation", name: segments[0] };
  else if (segments.length === 2 && segments[0] === "rpc") target = { kind: "rpc", name: segments[1] };
  else if (segments.length === 0) throw unsupported("The OpenAPI description at /rest/v1/");
  else throw new ApiError(404, "PGRST125", `Invalid path specified in request URL: ${path}`);
  if (target.name.includes("\u0000")) throw new ApiError(400, "PGRST100", "names cannot contain NUL characters");

  const singular = acceptsSingular(request.headers.get("accept"));
  const prefer = parsePrefer(request.headers.get("prefer"));

  let body: unknown = undefined;
  let bodyText: string | null = null;
  if (!readMethod && method !== "DELETE") {
    const contentType = (request.headers.get("content-type") ?? "application/json").split(";")[0].trim().toLowerCase();
    if (contentType !== "application/json" && contentType !== OBJECT_TYPE) {
      throw unsupported(`Request bodies of type ${contentType} (only application/json)`, 415);
    }
    bodyText = await request.text();
    if (bodyText.trim() === "") {
      if (target.kind === "rpc") bodyText = "{}";
      else throw new ApiError(400, "PGRST102", "Empty or invalid json");
    }
    try {
      body = JSON.parse(bodyText);
    } catch (error) {
      throw new ApiError(400, "PGRST102", "Empty or invalid json", error instanceof Error ? error.message : null);
    }
    if (nestingDepth(bodyText) > MAX_JSON_DEPTH) {
      // PostgreSQL's json parser would run out of stack (54001) on such a body: refuse it as invalid input instead.
      throw new ApiError(400, "PGRST102", "Empty or invalid json", `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep`);
    }
  }
  return { method, schema, target, singular, prefer, params: [...new URL(request.url).searchParams], body, bodyText };
}

/** Deeper bodies are refused: PostgreSQL's recursive json parser fails at a few tens of thousands of levels. */
const MAX_JSON_DEPTH = 1000;

/** The deepest nesting of arrays and objects in a JSON text (brackets inside strings do not count). */
function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") deepest = Math.max(deepest, ++depth);
    else if (char === "}" || char === "]") depth--;
  }
  return deepest;
}

function acceptsSingular(accept: string | null): boolean {
  if (!accept) return false;
  const types = accept.split(",").map((part) => part.split(";")[0].trim().toLowerCase());
  if (types.includes(OBJECT_TYPE)) return true;
  if (types.some((type) => type === "application/json" || type === "*/*" || type === "application/*" || type === "")) {
    return false;
  }
  if (types.includes("text/csv")) throw unsupported("CSV output (Accept: text/csv)");
  if (types.some((type) => type.startsWith("application/vnd.pgrst.plan"))) throw unsupported("EXPLAIN plans (Accept: application/vnd.pgrst.plan)");
  if (types.includes("application/geo+json")) throw unsupported("GeoJSON output (Accept: application/geo+json)");
  throw new ApiError(406, "PGRST107", `None of these media types are available: ${types.join(", ")}`);
}

function parsePrefer(header: string | null): Preferences {
  const prefer: Preferences = { return: null, count: false, resolution: null, missingDefault: false };
  if (!header) return prefer;
  for (const item of header.split(",")) {
    const [name, value = ""] = item.trim().split("=").map((part) => part.trim());
    if (name === "return") {
      if (value === "representation" || value === "minimal") prefer.return = value;
      else if (value === "headers-only") throw unsupported("Prefer: return=headers-only");
    } else if (name === "count") {
      if (value === "exact" || value === "planned" || value === "estimated") prefer.count = true;
    } else if (name === "resolution") {
      if (value === "merge-duplicates" || value === "ignore-duplicates") prefer.resolution = value;
    } else if (name === "missing") {
      prefer.missingDefault = value === "default";
    } else if (name === "tx") {
      if (value === "rollback") throw unsupported("Prefer: tx=rollback");
    } else if (name === "max-affected") {
      throw unsupported("Prefer: max-affected");
    } else if (name === "params") {
      throw unsupported("Prefer: params=single-object");
    } else if (name === "timezone") {
      throw unsupported("Prefer: timezone");
    }
    // handling=lenient|strict and unknown preferences are ignored, like PostgREST's lenient handling.
  }
  return prefer;
}

// ---------------------------------------------------------------------------------------------------------------
// Planning (needs the schema cache; a CacheMissError makes the caller reload the cache and plan again)

interface QueryParts {
  select: SelectItem[] | null;
  levels: Map<string, LevelOptions>;
  onConflict: string[] | null;
  columns: string[] | null;
  args: Map<string, string>;
}

function splitParams(params: [string, string][], isArg: (key: string, value: string) => boolean): QueryParts {
  const parts: QueryParts = { select: null, levels: new Map(), onConflict: null, columns: null, args: new Map() };
  const level = (path: string[]) => {
    const key = pathKey(path);
    let options = parts.levels.get(key);
    if (!options) {
      options = emptyLevel();
      parts.levels.set(key, options);
    }
    return options;
  };
  for (const [key, value] of params) {
    if (key === "select") parts.select = parseSelect(value);
    else if (key === "on_conflict") parts.onConflict = nameList(value, key);
    else if (key === "columns") parts.columns = nameList(value, key);
    else if (key === "apikey") continue; // the API key may come as a query parameter
    else if (!key.includes(".") && !RESERVED.has(key) && isArg(key, value)) parts.args.set(key, value);
    else {
      const segments = splitKey(key);
      const last = segments[segments.length - 1];
      let pathEnd = segments.length - 1;
      let negate = false;
      if ((last === "or" || last === "and") && segments[pathEnd - 1] === "not") {
        negate = true;
        pathEnd -= 1;
      }
      const path = segments.slice(0, pathEnd).map((segment) => unquoteName(segment, key));
      const options = level(path);
      if (last === "order") options.order = parseOrder(value, key);
      else if (last === "limit") options.limit = parseNonNegativeInt(value, key);
      else if (last === "offset") options.offset = parseNonNegativeInt(value, key);
      else if (last === "or" || last === "and") options.conditions.push(parseLogic(value, last, negate, key));
      else options.conditions.push({ type: "filter", filter: parseFilterValue(value, parseField(last, key), key) });
    }
  }
  return parts;
}

function nameList(value: string, param: string): string[] {
  const names: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (char === "," && !quoted) {
      names.push(unquoteName(current, param));
      current = "";
    } else current += char;
  }
  names.push(unquoteName(current, param));
  return names;
}

const DEFAULT_SELECT: SelectItem[] = [{ type: "star" }];

function findRelation(cache: SchemaCache, schema: string, name: string): Relation {
  const relation = cache.relations.get(relationKey(schema, name));
  if (relation) return relation;
  throw new CacheMissError(404, "PGRST205", `Could not find the table '${schema}.${name}' in the schema cache`);
}

function makePlan(cache: SchemaCache, request: ParsedRequest): Plan {
  if (request.target.kind === "rpc") return planRpc(cache, request);
  const relation = findRelation(cache, request.schema, request.target.name);
  const parts = splitParams(request.params, () => false);
  const builder = new QueryBuilder(cache, parts.levels);
  const items = parts.select ?? DEFAULT_SELECT;
  const top = parts.levels.get("");
  const representation = request.prefer.return === "representation";
  switch (request.method) {
    case "GET":
    case "HEAD": {
      const query = buildRead(builder, relation, quoteRelation(relation), items, {
        count: request.prefer.count,
        head: request.method === "HEAD",
        maxRows: MAX_ROWS,
      });
      return { query, readOnly: true, kind: "read", representation: true, rpcResult: null };
    }
    case "POST": {
      if (top && (top.conditions.length > 0 || top.limit !== null || top.offset !== null)) {
        throw unsupported("Filters, limit or offset on an insert", 400);
      }
      const groups = insertGroups(relation, request, parts.columns);
      let conflict: Parameters<typeof insertStatements>[3] = null;
      if (request.prefer.resolution) {
        const columns = parts.onConflict ?? relation.primaryKey;
        if (columns.length === 0) {
          throw new ApiError(400, "PGRST000", `Upsert into '${relation.name}' needs on_conflict: the relation has no primary key`);
        }
        for (const column of columns) checkColumn(relation, column);
        conflict = { columns, resolution: request.prefer.resolution };
      }
      const modifying = insertStatements(builder, relation, groups, conflict);
      // Reading xmax needs the rows' SELECT rights, already required by a representation: only then can a merge upsert
      // that inserted nothing answer 200 (PostgREST does it always; with return=minimal this stack answers 201).
      const countInserted = representation && conflict?.resolution === "merge-duplicates";
      const query = buildMutation(builder, relation, { representation, items, countInserted }, modifying);
      return { query, readOnly: false, kind: "insert", representation, rpcResult: null };
    }
    case "PATCH": {
      const body = request.body;
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        throw new ApiError(400, "PGRST102", "A PATCH body must be a single JSON object");
      }
      const columns = Object.keys(body);
      for (const column of columns) checkColumn(relation, column);
      if (top?.limit != null || top?.offset != null) throw unsupported("limit or offset on PATCH", 400);
      const alias = builder.alias();
      const target = quoteRelation(relation);
      if (columns.length === 0) {
        // PostgREST answers an empty body with a no-op (204, or 200 `[]` with a representation) without looking at
        // the filters; binding them (or the body) here would send parameters the query never uses, which PostgreSQL
        // refuses ("bind message supplies 2 parameters").
        const query = buildMutation(builder, relation, { representation, items }, (returning) =>
          sourceCte(`select ${returningList(returning, alias)} from ${target} ${alias} where false`),
        );
        return { query, readOnly: false, kind: "update", representation, rpcResult: null };
      }
      const where = builder.conditions(relation, alias, top?.conditions ?? []);
      if (where.length === 0) throw new ApiError(400, "21000", "UPDATE requires a WHERE clause");
      const bodyParam = builder.param(request.bodyText);
      const query = buildMutation(builder, relation, { representation, items }, (returning) => {
        const set = columns.map((column) => `${quoteIdent(column)} = pgrst_body.${quoteIdent(column)}`).join(", ");
        return sourceCte(
          `update ${target} ${alias} set ${set} from json_populate_record(null::${target}, ${bodyParam}::json) pgrst_body where ${where.join(" and ")} returning ${returningList(returning, alias)}`,
        );
      });
      return { query, readOnly: false, kind: "update", representation, rpcResult: null };
    }
    case "DELETE": {
      if (top?.limit != null || top?.offset != null) throw unsupported("limit or offset on DELETE", 400);
      const alias = builder.alias();
      const where = builder.conditions(relation, alias, top?.conditions ?? []);
      if (where.length === 0) throw new ApiError(400, "21000", "DELETE requires a WHERE clause");
      const target = quoteRelation(relation);
      const query = buildMutation(builder, relation, { representation, items }, (returning) => {
        return sourceCte(`delete from ${target} ${alias} where ${where.join(" and ")} returning ${returningList(returning, alias)}`);
      });
      return { query, readOnly: false, kind: "delete", representation, rpcResult: null };
    }
    default:
      throw new ApiError(405, "PGRST117", `Unsupported HTTP method: ${request.method}`);
  }
}

function checkColumn(relation: Relation, column: string): void {
  if (!relation.columns.has(column)) {
    throw new CacheMissError(400, "PGRST204", `Could not find the '${column}' column of '${relation.name}' in the schema cache`);
  }
}

function insertGroups(
  relation: Relation,
  request: ParsedRequest,
  columnsParam: string[] | null,
): { columns: string[]; rows: Record<string, unknown>[] }[] {
  const body = request.body;
  const rows = Array.isArray(body) ? body : [body];
  for (const row of rows) {
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      throw new ApiError(400, "PGRST102", "An insert body must be a JSON object or an array of objects");
    }
  }
  const objects = rows as Record<string, unknown>[];
  if (objects.length === 0) return [{ columns: [], rows: [] }];
  if (columnsParam) for (const column of columnsParam) checkColumn(relation, column);
  const keysOf = (row: Record<string, unknown>) =>
    Object.keys(row).filter((key) => columnsParam === null || columnsParam.includes(key));
  for (const row of objects) for (const key of keysOf(row)) checkColumn(relation, key);
  if (!request.prefer.missingDefault) {
    const columns = columnsParam ?? [...new Set(objects.flatMap(keysOf))];
    return [{ columns, rows: objects }];
  }
  // Prefer: missing=default: keys absent from an object take the column default, so rows are grouped by key set.
  const groups = new Map<string, { columns: string[]; rows: Record<string, unknown>[] }>();
  for (const row of objects) {
    const columns = keysOf(row);
    const key = JSON.stringify(columns);
    const group = groups.get(key) ?? { columns, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function findFunction(
  cache: SchemaCache,
  schema: string,
  name: string,
  argNames: Set<string>,
  body: unknown,
): { fn: FunctionDef; whole: boolean } {
  const overloads = cache.functions.get(relationKey(schema, name)) ?? [];
  const named = overloads.filter((fn) => {
    const inputs = fn.args.filter((arg) => arg.mode === "i" || arg.mode === "b" || arg.mode === "v");
    const names = new Set(inputs.map((arg) => arg.name));
    return (
      [...argNames].every((arg) => names.has(arg)) &&
      inputs.every((arg) => arg.hasDefault || (arg.name !== "" && argNames.has(arg.name)))
    );
  });
  if (named.length === 1) return { fn: named[0], whole: false };
  if (named.length > 1) {
    throw new ApiError(
      300,
      "PGRST203",
      `Could not choose the best candidate function between: ${named
        .map((fn) => `${fn.schema}.${fn.name}(${fn.args.map((arg) => `${arg.name} => ${arg.type}`).join(", ")})`)
        .join(", ")}`,
      null,
      "Try renaming the parameters or the function itself in the database so function overloading can be resolved",
    );
  }
  if (body !== undefined) {
    const whole = overloads.filter(
      (fn) =>
        fn.args.filter((arg) => arg.mode === "i").length === 1 &&
        fn.args[0].name === "" &&
        ["json", "jsonb"].includes(fn.args[0].type),
    );
    if (whole.length === 1) return { fn: whole[0], whole: true };
  }
  const list = [...argNames].sort().join(", ");
  throw new CacheMissError(
    404,
    "PGRST202",
    `Could not find the function ${schema}.${name}${argNames.size > 0 ? `(${list})` : " without parameters"} in the schema cache`,
    `Searched for the function ${schema}.${name} ${argNames.size > 0 ? `with parameters ${list}` : "without parameters"} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
    null,
  );
}

function planRpc(cache: SchemaCache, request: ParsedRequest): Plan {
  const { schema } = request;
  const name = request.target.name;
  const readMethod = request.method === "GET" || request.method === "HEAD";
  if (request.method === "PATCH" || request.method === "DELETE") {
    throw new ApiError(405, "PGRST101", "Only GET, HEAD and POST are allowed on functions");
  }
  const overloads = cache.functions.get(relationKey(schema, name)) ?? [];
  const inputNames = new Set(overloads.flatMap((fn) => fn.args.filter((arg) => arg.mode !== "o" && arg.mode !== "t").map((arg) => arg.name)));
  const looksLikeFilter = (value: string) =>
    FILTER_OPERATORS.some((operator) => value.startsWith(`${operator}.`) || value.startsWith(`not.${operator}`) || value.startsWith(`${operator}(`));
  const parts = splitParams(request.params, (key, value) => readMethod && (inputNames.has(key) || !looksLikeFilter(value)));

  let argNames: Set<string>;
  let body: { body: string; keys: Set<string> } | null = null;
  if (readMethod) {
    argNames = new Set(parts.args.keys());
  } else if (typeof request.body === "object" && request.body !== null && !Array.isArray(request.body)) {
    argNames = new Set(Object.keys(request.body));
    body = { body: request.bodyText ?? "{}", keys: argNames };
  } else {
    argNames = new Set(["(a JSON array or scalar body)"]);
  }
  const { fn, whole } = findFunction(cache, schema, name, argNames, readMethod ? undefined : request.body);
  const builder = new QueryBuilder(cache, parts.levels);
  const call = functionCall(
    builder,
    fn,
    whole ? { whole: request.bodyText ?? "null" } : body ? body : { text: parts.args },
  );
  const readOnly = readMethod || fn.volatility !== "v";
  const top = parts.levels.get("");
  const plan = (query: BuiltQuery, rpcResult: Plan["rpcResult"]): Plan => ({
    query,
    readOnly,
    kind: "rpc",
    representation: true,
    rpcResult,
    hoisted: fn.hoisted,
  });
  if (fn.returnKind === "record") {
    throw unsupported(`Calling ${schema}.${name}: functions returning an anonymous record`);
  }
  if (fn.returnKind === "void" || (fn.returnKind === "scalar" && !fn.returnsSet)) {
    if (parts.select || parts.levels.size > 0) requireNoConditions(top ?? { ...emptyLevel(), order: [] }, `the result of ${name}`);
    builder.checkAllLevelsUsed();
    const body = fn.returnKind === "void" ? "null::text" : `to_json(${call})::text`;
    const voidCall = fn.returnKind === "void" ? `, ${call} as pgrst_void` : "";
    return plan(
      { sql: `select null::bigint as total, 1 as page_count, ${body} as body${voidCall}`, params: builder.params, offset: 0 },
      fn.returnKind === "void" ? "void" : "scalar",
    );
  }
  if (fn.returnKind === "scalar") {
    // SETOF scalar: limit/offset apply; filters and select need columns.
    if (parts.select || top?.conditions.length || top?.order) requireNoConditions(top ?? { ...emptyLevel(), order: [] }, `the scalar results of ${name}`);
    builder.checkAllLevelsUsed();
    const limit = Math.min(top?.limit ?? MAX_ROWS, MAX_ROWS);
    const total = request.prefer.count ? "(select count(*) from pgrst_source)" : "null::bigint";
    const body = request.method === "HEAD" ? "null::text" : "coalesce(json_agg(pgrst_row.pgrst_value), '[]')::text";
    return plan(
      {
        sql: `with pgrst_source as materialized (select pgrst_value from ${call} as pgrst_set(pgrst_value)) select ${total} as total, count(*) as page_count, ${body} as body from (select pgrst_value from pgrst_source ${limitOffset(limit, top?.offset ?? null)}) pgrst_row`,
        params: builder.params,
        offset: top?.offset ?? 0,
      },
      "set",
    );
  }
  const relation = resultRelation(cache, fn);
  const query = buildRead(
    builder,
    relation,
    "pgrst_source",
    parts.select ?? DEFAULT_SELECT,
    { count: request.prefer.count, head: request.method === "HEAD", maxRows: fn.returnsSet ? MAX_ROWS : null },
    `with pgrst_source as materialized (select * from ${call}) `,
  );
  return plan(query, fn.returnsSet ? "set" : "single");
}

// ---------------------------------------------------------------------------------------------------------------
// Execution

function cookiesOf(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return cookies;
}

async function execute(
  ctx: StackContext,
  cache: SchemaCache,
  claims: Record<string, unknown> & { role: string },
  request: Request,
  path: string,
  parsed: ParsedRequest,
  plan: Plan,
): Promise<Response> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const searchPath = [...new Set([parsed.schema, ...EXTRA_SEARCH_PATH])].map(quoteIdent).join(", ");
  const settings: [string, string][] = [
    ["search_path", searchPath],
    ["role", claims.role],
    ["request.jwt.claims", JSON.stringify(claims)],
    ["request.jwt.claim.sub", typeof claims.sub === "string" ? claims.sub : ""],
    ["request.jwt.claim.role", claims.role],
    ["request.method", parsed.method],
    ["request.path", path],
    ["request.headers", JSON.stringify(headers)],
    ["request.cookies", JSON.stringify(cookiesOf(request.headers.get("cookie")))],
    ...Object.entries(cache.roleSettings.get(claims.role) ?? {}),
    // A function's own statement_timeout wins over the role's, for the whole call (as PostgREST hoists it).
    ...(plan.hoisted?.statementTimeout ? [["statement_timeout", plan.hoisted.statementTimeout] as [string, string]] : []),
  ];
  const client: pg.PoolClient = await ctx.db.authenticator.connect();
  // BEGIN and the settings travel in one simple-protocol message; the values are quoted with escapeLiteral, never
  // interpolated raw. The pool pipelines (server.ts): the setup and the query are written together, one round trip,
  // and a read-only transaction's COMMIT goes with them (it has nothing to keep or undo: after an error in the query,
  // PostgreSQL answers the COMMIT of the failed transaction with a rollback). A write commits only once the result has
  // been checked (a 406 rolls it back).
  const setup =
    `begin${plan.readOnly ? " read only" : ""}${plan.hoisted?.isolationLevel ? ` isolation level ${plan.hoisted.isolationLevel}` : ""}; ` +
    `select ${settings.map(([name, value]) => `set_config(${client.escapeLiteral(name)}, ${client.escapeLiteral(value)}, true)`).join(", ")}`;
  let broken = false;
  let row: ResultRow;
  try {
    const [setupDone, queryDone, committed] = await Promise.allSettled([
      client.query(setup),
      client.query<ResultRow>(plan.query.sql, plan.query.params),
      plan.readOnly ? client.query("commit") : null,
    ]);
    try {
      if (setupDone.status === "rejected") throw setupDone.reason;
      if (queryDone.status === "rejected") throw queryDone.reason;
      if (committed.status === "rejected") throw committed.reason;
      row = queryDone.value.rows[0];
      const rows = Number(row.page_count);
      const singleObject = parsed.singular && plan.rpcResult !== "scalar" && plan.rpcResult !== "void" && plan.rpcResult !== "single";
      if (singleObject && rows !== 1) {
        throw new ApiError(
          406,
          "PGRST116",
          "JSON object requested, multiple (or no) rows returned",
          `The result contains ${rows} rows`,
          null,
        );
      }
      if (!plan.readOnly) await client.query("commit");
    } catch (error) {
      // A read-only transaction has already ended with its COMMIT, unless that failed.
      if (!plan.readOnly || committed.status === "rejected") {
        await client.query("rollback").catch(() => {
          broken = true;
        });
      }
      throw error;
    }
  } catch (error) {
    if (!(error instanceof ApiError) && !(isPgError(error) && !error.code.startsWith("08"))) broken = true;
    throw error;
  } finally {
    client.release(broken);
  }
  return respond(parsed, plan, row);
}

function respond(request: ParsedRequest, plan: Plan, row: ResultRow): Response {
  const rows = Number(row.page_count);
  const total = row.total === null ? null : Number(row.total);
  const counted = request.prefer.count;
  const single = request.singular || plan.rpcResult === "single";
  const headers: Record<string, string> = {
    "content-type": request.singular ? `${OBJECT_TYPE}; charset=utf-8` : JSON_TYPE,
  };
  let body = row.body;
  if (body !== null && single && plan.rpcResult !== "scalar") body = unwrapSingle(body);
  const countPart = counted ? String(total ?? rows) : "*";

  if (plan.kind === "read" || plan.kind === "rpc") {
    if (plan.rpcResult === "void") return new Response(null, { status: 204 });
    const lower = plan.query.offset;
    const upper = lower + rows - 1;
    headers["content-range"] = rows > 0 ? `${lower}-${upper}/${countPart}` : `*/${countPart}`;
    let status = 200;
    if (total !== null) {
      if (lower > total && lower > 0) {
        throw new ApiError(
          416,
          "PGRST103",
          "Requested range not satisfiable",
          `An offset of ${lower} was requested, but there are only ${total} rows.`,
        );
      }
      if (1 + upper - lower < total) status = 206;
    }
    return new Response(request.method === "HEAD" ? null : body, { status, headers });
  }
  if (plan.kind === "insert") {
    headers["content-range"] = `*/${countPart}`;
    const status = row.inserted != null && Number(row.inserted) === 0 && rows > 0 ? 200 : 201;
    return new Response(plan.representation ? body : null, { status, headers });
  }
  headers["content-range"] =
    plan.kind === "update" && rows > 0 ? `0-${rows - 1}/${countPart}` : `*/${countPart}`;
  if (!plan.representation) return new Response(null, { status: 204, headers });
  return new Response(body, { status: 200, headers });
}

/** `[{...}]` → `{...}` without parsing (the body is json_agg output of exactly one element). */
function unwrapSingle(body: string): string {
  const trimmed = body.trim();
  if (trimmed === "[]") return "null";
  return trimmed.slice(1, -1).trim();
}
