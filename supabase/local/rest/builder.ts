// SQL generation. Identifiers come only from the schema cache (quoted); every value is a bound parameter.
// User-chosen output names (aliases) are quoted identifiers too, and NUL characters are refused by the parser.
import { ApiError, CacheMissError, parseError, unknownColumn, unsupported } from "./errors.ts";
import type { Condition, FieldRef, Filter, OrderTerm, SelectItem } from "./parser.ts";
import { relationKey, type ForeignKey, type FunctionDef, type Relation, type SchemaCache } from "./schema.ts";

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const quoteRelation = (relation: { schema: string; name: string }) =>
  `${quoteIdent(relation.schema)}.${quoteIdent(relation.name)}`;

/** Query-string parameters addressed to one level of the select tree (top level or an embed path). */
export interface LevelOptions {
  conditions: Condition[];
  order: OrderTerm[] | null;
  limit: number | null;
  offset: number | null;
}
export const pathKey = (path: string[]) => path.join("\u0000");
export const emptyLevel = (): LevelOptions => ({ conditions: [], order: null, limit: null, offset: null });

const OPERATOR_SQL: Record<string, string> = {
  eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=", like: "like", ilike: "ilike", match: "~", imatch: "~*",
  cs: "@>", cd: "<@", ov: "&&", sl: "<<", sr: ">>", nxr: "&<", nxl: "&>", adj: "-|-", isdistinct: "is distinct from",
};
const FTS_FUNCTION: Record<string, string> = {
  fts: "to_tsquery", plfts: "plainto_tsquery", phfts: "phraseto_tsquery", wfts: "websearch_to_tsquery",
};
const IS_VALUES: Record<string, string> = { null: "null", true: "true", false: "false", unknown: "unknown" };

interface Relationship {
  target: Relation;
  toOne: boolean;
  foreignKey: ForeignKey;
  /** [parent column, child column] pairs */
  on: [string, string][];
}

interface LevelSql {
  selectList: string[];
  where: string[];
  orderBy: string;
  limit: number | null;
  offset: number | null;
  /** Columns of the level's relation the SQL reads (a mutation must return them). */
  required: Set<string>;
  star: boolean;
}

export class QueryBuilder {
  readonly cache: SchemaCache;
  readonly levels: Map<string, LevelOptions>;
  readonly params: unknown[] = [];
  readonly #usedLevels = new Set<string>();
  #aliases = 0;

  constructor(cache: SchemaCache, levels: Map<string, LevelOptions>) {
    this.cache = cache;
    this.levels = levels;
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  alias(): string {
    return `pgrst_${this.#aliases++}`;
  }

  level(path: string[]): LevelOptions {
    const key = pathKey(path);
    this.#usedLevels.add(key);
    return this.levels.get(key) ?? emptyLevel();
  }

  /** Filters/order/limit given for an embed the select does not have: PostgREST's PGRST108. */
  checkAllLevelsUsed(): void {
    for (const key of this.levels.keys()) {
      if (key !== "" && !this.#usedLevels.has(key)) {
        const name = key.split("\u0000").join(".");
        throw new ApiError(
          400,
          "PGRST108",
          `'${name}' is not an embedded resource in this request`,
          null,
          `Verify that '${name}' is included in the 'select' query parameter.`,
        );
      }
    }
  }

  column(relation: Relation, alias: string, ref: FieldRef): string {
    if (!relation.columns.has(ref.name)) throw unknownColumn(relation.name, ref.name);
    let sql = `${alias}.${quoteIdent(ref.name)}`;
    for (const step of ref.json) {
      sql = step.index ? `${sql}${step.arrow}${this.param(step.key)}::int` : `${sql}${step.arrow}${this.param(step.key)}::text`;
    }
    return sql;
  }

  /** SQL of one level: its select list, its conditions (filters, `!inner` embeds) and its order/limit. */
  buildLevel(relation: Relation, alias: string, items: SelectItem[], path: string[], ownConditions = true): LevelSql {
    const options = this.level(path);
    const selectList: string[] = [];
    const where: string[] = [];
    const required = new Set<string>();
    const embedExists = new Map<string, string>();
    let star = false;
    for (const item of items) {
      if (item.type === "star") {
        star = true;
        // explicit columns (not alias.*): a mutation's source may carry extra bookkeeping columns
        for (const name of relation.columns.keys()) selectList.push(`${alias}.${quoteIdent(name)} as ${quoteIdent(name)}`);
      } else if (item.type === "column") {
        let sql = this.column(relation, alias, item.field);
        required.add(item.field.name);
        if (item.cast) sql = `(${sql})::${item.cast}`;
        const lastKey = item.field.json.at(-1)?.key;
        selectList.push(`${sql} as ${quoteIdent(item.alias ?? lastKey ?? item.field.name)}`);
      } else {
        const embed = this.embed(relation, alias, item, path);
        for (const column of embed.parentColumns) required.add(column);
        if (embed.output !== null) selectList.push(`${embed.output} as ${quoteIdent(item.alias ?? item.name)}`);
        if (item.join === "inner") where.push(embed.exists);
        embedExists.set(item.alias ?? item.name, embed.exists);
        if (item.alias) embedExists.set(item.name, embed.exists);
      }
    }
    if (ownConditions) {
      for (const condition of options.conditions) {
        where.push(this.condition(relation, alias, condition, embedExists, required));
      }
    }
    const orderBy = options.order ? this.orderBy(relation, alias, options.order, required) : "";
    return { selectList, where, orderBy, limit: options.limit, offset: options.offset, required, star };
  }

  orderBy(relation: Relation, alias: string, terms: OrderTerm[], required: Set<string>): string {
    const parts = terms.map((term) => {
      required.add(term.field.name);
      const direction = term.direction ? ` ${term.direction}` : "";
      const nulls = term.nulls ? ` nulls ${term.nulls}` : "";
      return `${this.column(relation, alias, term.field)}${direction}${nulls}`;
    });
    return `order by ${parts.join(", ")}`;
  }

  conditions(relation: Relation, alias: string, conditions: Condition[]): string[] {
    return conditions.map((condition) => this.condition(relation, alias, condition, new Map(), new Set()));
  }

  condition(
    relation: Relation,
    alias: string,
    condition: Condition,
    embeds: Map<string, string>,
    required: Set<string>,
  ): string {
    if (condition.type === "logic") {
      const joined = condition.children
        .map((child) => this.condition(relation, alias, child, embeds, required))
        .join(` ${condition.operator} `);
      return condition.negate ? `not (${joined})` : `(${joined})`;
    }
    const { filter } = condition;
    // `rel=is.null` / `rel=not.is.null`: keep parent rows without / with a matching embedded row.
    const exists = embeds.get(filter.field.name);
    if (exists && !relation.columns.has(filter.field.name) && filter.field.json.length === 0) {
      if (filter.operator !== "is" || filter.value !== "null") {
        throw parseError(filter.field.name, String(filter.value), "an embedded resource can only be filtered with is.null or not.is.null");
      }
      return filter.negate ? exists : `not ${exists}`;
    }
    required.add(filter.field.name);
    const sql = this.filter(relation, alias, filter);
    return filter.negate ? `not (${sql})` : sql;
  }

  filter(relation: Relation, alias: string, filter: Filter): string {
    const column = this.column(relation, alias, filter.field);
    const { operator, value } = filter;
    if (operator === "in") return `${column} = any(${this.param(value)})`;
    if (typeof value !== "string") throw new Error("unreachable: list value");
    if (operator === "is") {
      const keyword = IS_VALUES[value.toLowerCase()];
      if (!keyword) throw parseError(filter.field.name, value, 'is. expects null, true, false or unknown');
      return `${column} is ${keyword}`;
    }
    if (operator in FTS_FUNCTION) {
      const config = filter.config === null ? "" : `${this.param(filter.config)}::regconfig, `;
      return `${column} @@ ${FTS_FUNCTION[operator]}(${config}${this.param(value)})`;
    }
    const pattern = operator === "like" || operator === "ilike" ? value.replaceAll("*", "%") : value;
    const sqlOperator = OPERATOR_SQL[operator];
    if (filter.quantifier) return `${column} ${sqlOperator} ${filter.quantifier}(${this.param(pattern)})`;
    return `${column} ${sqlOperator} ${this.param(pattern)}`;
  }

  relationship(parent: Relation, name: string, hint: string | null): Relationship {
    const target = this.cache.relations.get(relationKey(parent.schema, name));
    let candidates: Relationship[] = [];
    for (const fk of this.cache.foreignKeys) {
      if (fk.schema !== parent.schema || fk.refSchema !== parent.schema) continue;
      const fromParent = fk.table === parent.name;
      if (target) {
        if (fromParent && fk.refTable === target.name) {
          candidates.push({ target, toOne: true, foreignKey: fk, on: fk.columns.map((c, i) => [c, fk.refColumns[i]]) });
        }
        if (fk.table === target.name && fk.refTable === parent.name) {
          const unique = target.uniqueKeys.some(
            (key) => key.length === fk.columns.length && key.every((column) => fk.columns.includes(column)),
          );
          candidates.push({ target, toOne: unique, foreignKey: fk, on: fk.refColumns.map((c, i) => [c, fk.columns[i]]) });
        }
      } else if (fromParent && (fk.name === name || (fk.columns.length === 1 && fk.columns[0] === name))) {
        const referenced = this.cache.relations.get(relationKey(fk.refSchema, fk.refTable));
        if (referenced) {
          candidates.push({ target: referenced, toOne: true, foreignKey: fk, on: fk.columns.map((c, i) => [c, fk.refColumns[i]]) });
        }
      }
    }
    if (hint !== null) {
      candidates = candidates.filter(
        ({ foreignKey: fk }) =>
          fk.name === hint ||
          (fk.columns.length === 1 && fk.columns[0] === hint) ||
          (fk.refColumns.length === 1 && fk.refColumns[0] === hint),
      );
      // Self-reference hinted by the FK: the table name + hint is the one-to-many side (the column name alone is the other).
      if (candidates.length === 2 && candidates[0].foreignKey === candidates[1].foreignKey) {
        candidates = candidates.filter((candidate) => !candidate.toOne || candidate.on[0][0] !== candidate.foreignKey.columns[0]);
      }
    }
    if (candidates.length === 1) return candidates[0];
    const shown = name + (hint ? `!${hint}` : "");
    if (candidates.length === 0) {
      throw new CacheMissError(
        400,
        "PGRST200",
        `Could not find a relationship between '${parent.name}' and '${shown}' in the schema cache`,
        `Searched for a foreign key relationship between '${parent.name}' and '${shown}' in the schema '${parent.schema}', but no matches were found.`,
        null,
      );
    }
    throw new ApiError(
      300,
      "PGRST201",
      `Could not embed because more than one relationship was found for '${parent.name}' and '${name}'`,
      JSON.stringify(
        candidates.map((candidate) => ({
          cardinality: candidate.toOne ? "many-to-one" : "one-to-many",
          embedding: `${parent.name} with ${candidate.target.name}`,
          relationship: `${candidate.foreignKey.name} using ${candidate.foreignKey.table}(${candidate.foreignKey.columns.join(", ")}) and ${candidate.foreignKey.refTable}(${candidate.foreignKey.refColumns.join(", ")})`,
        })),
      ),
      `Try changing '${name}' to one of the following: ${candidates.map((c) => `'${name}!${c.foreignKey.name}'`).join(", ")}. Find the desired relationship in the 'details' key.`,
    );
  }

  embed(
    parent: Relation,
    parentAlias: string,
    item: Extract<SelectItem, { type: "embed" }>,
    path: string[],
  ): { output: string | null; exists: string; parentColumns: string[] } {
    const relationship = this.relationship(parent, item.name, item.hint);
    const { target } = relationship;
    const childAlias = this.alias();
    const childPath = [...path, item.alias ?? item.name];
    if (item.alias && !this.levels.has(pathKey(childPath)) && this.levels.has(pathKey([...path, item.name]))) {
      childPath[childPath.length - 1] = item.name;
    }
    const join = relationship.on.map(
      ([parentColumn, childColumn]) => `${childAlias}.${quoteIdent(childColumn)} = ${parentAlias}.${quoteIdent(parentColumn)}`,
    );
    const only = item.items[0];
    const isCount =
      item.items.length === 1 &&
      only.type === "column" &&
      only.field.name === "count" &&
      only.field.json.length === 0 &&
      only.cast === null &&
      !target.columns.has("count");
    const level = this.buildLevel(target, childAlias, isCount ? [] : item.items, childPath);
    const where = [...join, ...level.where].join(" and ");
    const from = `${quoteRelation(target)} ${childAlias}`;
    const exists = `exists (select 1 from ${from} where ${where})`;
    const parentColumns = relationship.on.map(([parentColumn]) => parentColumn);
    if (item.items.length === 0) return { output: null, exists, parentColumns };
    if (isCount) {
      const countName = only.type === "column" && only.alias ? only.alias : "count";
      const object = `json_build_object(${this.param(countName)}::text, count(*))`;
      return {
        output: `(select ${relationship.toOne ? object : `json_build_array(${object})`} from ${from} where ${where})`,
        exists,
        parentColumns,
      };
    }
    const row = this.alias();
    const columns = level.selectList.join(", ");
    if (relationship.toOne) {
      return {
        output: `(select row_to_json(${row}) from (select ${columns} from ${from} where ${where}) ${row})`,
        exists,
        parentColumns,
      };
    }
    const page = limitOffset(level.limit, level.offset);
    return {
      output: `coalesce((select json_agg(${row}) from (select ${columns} from ${from} where ${where} ${level.orderBy} ${page}) ${row}), '[]'::json)`,
      exists,
      parentColumns,
    };
  }
}

/** A RETURNING list: the columns (qualified by `alias` when given), or `1` when no column is needed. */
export function returningList(columns: string[] | null, alias: string | null): string {
  if (columns === null) return "1";
  return columns.map((column) => (alias ? `${alias}.${quoteIdent(column)}` : quoteIdent(column))).join(", ");
}

export function limitOffset(limit: number | null, offset: number | null): string {
  return `${limit === null ? "" : `limit ${limit}`} ${offset ? `offset ${offset}` : ""}`.trim();
}

export interface ReadOptions {
  count: boolean;
  head: boolean;
  maxRows: number | null;
}

export interface BuiltQuery {
  sql: string;
  params: unknown[];
  /** offset of the page, for Content-Range */
  offset: number;
}

/**
 * A read in ONE statement: the page as JSON text, the page size, and the exact total when counted.
 * `source` is a relation, or a CTE over a function call (`with` prefix).
 */
export function buildRead(
  builder: QueryBuilder,
  relation: Relation,
  from: string,
  items: SelectItem[],
  options: ReadOptions,
  withClause = "",
): BuiltQuery {
  const alias = builder.alias();
  const level = builder.buildLevel(relation, alias, items, []);
  builder.checkAllLevelsUsed();
  const where = level.where.length > 0 ? `where ${level.where.join(" and ")}` : "";
  const limit = options.maxRows === null ? level.limit : Math.min(level.limit ?? options.maxRows, options.maxRows);
  const page = `select ${level.selectList.join(", ")} from ${from} ${alias} ${where} ${level.orderBy} ${limitOffset(limit, level.offset)}`;
  // count=planned and count=estimated are answered with the exact count (documented difference from PostgREST).
  const total = options.count ? `(select count(*) from ${from} ${alias} ${where})` : "null::bigint";
  const body = options.head ? "null::text" : `coalesce(json_agg(pgrst_row), '[]')::text`;
  return {
    sql: `${withClause}select ${total} as total, count(*) as page_count, ${body} as body from (${page}) pgrst_row`,
    params: builder.params,
    offset: level.offset ?? 0,
  };
}

export interface MutationOutput {
  representation: boolean;
  items: SelectItem[];
  /** the modifying SQL returns `pgrst_inserted` (merge upserts with a representation): count inserted rows */
  countInserted?: boolean;
}

/**
 * Data-modifying SQL given its RETURNING columns (null: RETURNING 1). It returns the top-level CTE list that
 * defines `pgrst_source` (data-modifying CTEs must be at the top level of the statement).
 */
export type Modifying = (returning: string[] | null) => string;

export const sourceCte = (statement: string) => `pgrst_source as (${statement})`;

/** Wraps data-modifying SQL in the one statement that answers the request (row count, representation). */
export function buildMutation(
  builder: QueryBuilder,
  relation: Relation,
  output: MutationOutput,
  modifying: Modifying,
): BuiltQuery {
  const alias = builder.alias();
  if (!output.representation) {
    builder.level([]);
    builder.checkAllLevelsUsed();
    // RETURNING 1 reads no column: no SELECT privilege or SELECT policy is needed, like PostgREST's return=minimal.
    return {
      sql: `with ${modifying(null)} select null::bigint as total, count(*) as page_count, null::text as body from pgrst_source`,
      params: builder.params,
      offset: 0,
    };
  }
  const level = builder.buildLevel(relation, alias, output.items, [], false);
  builder.checkAllLevelsUsed();
  const columns = level.star ? [...relation.columns.keys()] : [...level.required];
  const returning = columns.length > 0 ? columns : null;
  const page = `select ${level.selectList.join(", ")} from pgrst_source ${alias} ${level.orderBy}`;
  return {
    sql: `with ${modifying(returning)} select null::bigint as total, count(*) as page_count, coalesce(json_agg(pgrst_row), '[]')::text as body${
      output.countInserted ? ", (select count(*) from pgrst_source where pgrst_inserted) as inserted" : ""
    } from (${page}) pgrst_row`,
    params: builder.params,
    offset: 0,
  };
}

/** Rows of an insert body grouped by their set of keys (for `Prefer: missing=default`). */
export function insertStatements(
  builder: QueryBuilder,
  relation: Relation,
  groups: { columns: string[]; rows: Record<string, unknown>[] }[],
  conflict: { columns: string[]; resolution: "merge-duplicates" | "ignore-duplicates" } | null,
): Modifying {
  const target = quoteRelation(relation);
  const statements = groups.map((group) => {
    const columns = group.columns.map(quoteIdent).join(", ");
    const body = builder.param(JSON.stringify(group.rows));
    let onConflict = "";
    if (conflict) {
      const keys = conflict.columns.map(quoteIdent).join(", ");
      const updates = group.columns.map((column) => `${quoteIdent(column)} = excluded.${quoteIdent(column)}`);
      onConflict =
        conflict.resolution === "merge-duplicates" && updates.length > 0
          ? ` on conflict (${keys}) do update set ${updates.join(", ")}`
          : ` on conflict (${keys}) do nothing`;
    }
    const into = group.columns.length > 0 ? `${target} (${columns})` : target;
    return (returning: string[] | null) =>
      `insert into ${into} select ${columns} from json_populate_recordset(null::${target}, ${body}::json) pgrst_body${onConflict} returning ${returningList(returning, null)}${
        returning !== null && conflict?.resolution === "merge-duplicates" ? ", xmax = 0 as pgrst_inserted" : ""
      }`;
  });
  if (statements.length === 1) return (returning) => sourceCte(statements[0](returning));
  // Several key sets: one INSERT per set, as data-modifying CTEs of the same statement.
  return (returning) => {
    const parts = statements.map((statement, i) => `pgrst_insert_${i} as (${statement(returning)})`);
    const union = statements.map((_, i) => `select * from pgrst_insert_${i}`).join(" union all ");
    return `${parts.join(", ")}, ${sourceCte(union)}`;
  };
}

/** The call of `fn` with named arguments: from a JSON body (converted by json_to_record) or query-string text. */
export function functionCall(
  builder: QueryBuilder,
  fn: FunctionDef,
  args: { body: string; keys: Set<string> } | { text: Map<string, string> } | { whole: string },
): string {
  const name = quoteRelation(fn);
  if ("whole" in args) return `${name}(${builder.param(args.whole)}::${fn.args[0].type})`;
  const parts: string[] = [];
  let bodyParam: string | null = null; // bound once, on first use (an unused parameter is a protocol error)
  for (const arg of fn.args) {
    if (!["i", "b", "v"].includes(arg.mode)) continue;
    const provided = "body" in args ? args.keys.has(arg.name) : args.text.has(arg.name);
    if (!provided) continue;
    const value =
      "body" in args
        ? `(select pgrst_args.${quoteIdent(arg.name)} from json_to_record(${(bodyParam ??= builder.param(args.body))}::json) as pgrst_args(${quoteIdent(arg.name)} ${arg.type}))`
        : `${builder.param(args.text.get(arg.name))}::${arg.type}`;
    parts.push(`${arg.mode === "v" ? "variadic " : ""}${quoteIdent(arg.name)} := ${value}`);
  }
  return `${name}(${parts.join(", ")})`;
}

/** A pseudo relation over a function's composite result, or the table it returns (for embedding). */
export function resultRelation(cache: SchemaCache, fn: FunctionDef): Relation {
  if (fn.returnRelation) {
    const relation = cache.relations.get(relationKey(fn.schema, fn.returnRelation));
    if (relation) return relation;
  }
  return {
    schema: fn.schema,
    name: fn.name,
    kind: "fn",
    columns: new Map(fn.returnColumns.map((column) => [column.name, column])),
    primaryKey: [],
    uniqueKeys: [],
  };
}

export function requireNoConditions(options: LevelOptions | undefined, what: string): void {
  if (options && (options.conditions.length > 0 || options.order || options.limit !== null || options.offset !== null)) {
    throw unsupported(`Filters, order, limit or offset on ${what}`, 400);
  }
}
