// `npm run db:types`: generates lib/database.types.ts from the migrated database, in the shape of
// `supabase gen types typescript` (Database["public"]["Tables"|"Views"|"Functions"|"Enums"|"CompositeTypes"] and the
// Tables<>, TablesInsert<>, TablesUpdate<>, Enums<>, CompositeTypes<> helpers).
// `npm run db:types:check`: regenerates in memory and exits 1 when lib/database.types.ts is stale.
//
// The database is a throw-away cluster with the template database of the tests (bootstrap + every migration), read
// through pg_catalog for the schema `public`. Output is sorted, so it only changes when the schema does.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { withClient } from "../supabase/local/database.ts";
import { PROJECT_ROOT } from "../supabase/local/project.ts";

export const TYPES_FILE = join(PROJECT_ROOT, "lib", "database.types.ts");
const SCHEMA = "public";
/** What the local REST server implements (no Prefer: max-affected, which PostgREST 13 added). */
const POSTGREST_VERSION = "12";

interface ColumnInfo {
  name: string;
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  identity: "" | "a" | "d";
  generated: boolean;
}

interface RelationInfo {
  oid: number;
  name: string;
  kind: "table" | "view";
  insertable: boolean;
  updatable: boolean;
  columns: ColumnInfo[];
}

interface RelationshipInfo {
  table: string;
  name: string;
  columns: string[];
  oneToOne: boolean;
  referencedRelation: string;
  referencedColumns: string[];
}

interface FunctionArg {
  name: string;
  type: string;
  hasDefault: boolean;
}

interface FunctionInfo {
  name: string;
  args: FunctionArg[];
  /** Output columns of `returns table (…)` / out parameters; null for a plain return type. */
  tableColumns: { name: string; type: string }[] | null;
  returnType: string;
  returnsSet: boolean;
}

/** A TypeScript type for every PostgreSQL type the schema can use (regtype text of the base type). */
interface TypeCatalog {
  /** regtype → TypeScript, for enums and composite types of the schema. */
  named: Map<string, string>;
  /** domain regtype → base regtype. */
  domains: Map<string, string>;
  /** array regtype → element regtype. */
  arrays: Map<string, string>;
  /** row types of the schema's tables and views (regtype → relation name). */
  rowTypes: Map<string, string>;
}

const NUMBER_TYPES = new Set(["smallint", "integer", "bigint", "real", "double precision", "numeric", "oid"]);
const STRING_TYPES = new Set([
  "text",
  "character varying",
  "character",
  '"char"',
  "name",
  "uuid",
  "date",
  "time without time zone",
  "time with time zone",
  "timestamp without time zone",
  "timestamp with time zone",
  "interval",
  "bytea",
  "inet",
  "cidr",
  "macaddr",
  "macaddr8",
  "money",
  "bit",
  "bit varying",
  "tsvector",
  "tsquery",
  "xml",
  "citext",
  "int4range",
  "int8range",
  "numrange",
  "tsrange",
  "tstzrange",
  "daterange",
]);

function tsType(type: string, catalog: TypeCatalog): string {
  const base = catalog.domains.get(type) ?? type;
  const element = catalog.arrays.get(base);
  if (element) {
    const inner = tsType(element, catalog);
    return /^[A-Za-z_$][\w$]*$|^Database\[.*\]$/.test(inner) ? `${inner}[]` : `(${inner})[]`;
  }
  const named = catalog.named.get(base);
  if (named) return named;
  if (base === "boolean") return "boolean";
  if (base === "json" || base === "jsonb") return "Json";
  if (base === "void") return "undefined";
  if (base === "record") return "Record<string, unknown>";
  if (NUMBER_TYPES.has(base)) return "number";
  // regtype text keeps a type modifier-free name, but a schema-qualified one for types outside the search path.
  const unqualified = base.replace(/^(?:[a-z_][a-z0-9_]*|"[^"]+")\./, "");
  if (STRING_TYPES.has(base) || STRING_TYPES.has(unqualified)) return "string";
  return "unknown";
}

async function loadTypeCatalog(db: pg.Client): Promise<{ catalog: TypeCatalog; enums: Map<string, string[]>; composites: Map<string, { name: string; type: string }[]> }> {
  const types = await db.query<{ regtype: string; typname: string; typtype: string; base: string | null; element: string | null; relkind: string | null; relname: string | null; schema: string }>(
    `select t.oid::regtype::text as regtype, t.typname, t.typtype, n.nspname as schema,
       case when t.typtype = 'd' then t.typbasetype::regtype::text end as base,
       case when t.typcategory = 'A' and t.typelem <> 0 then t.typelem::regtype::text end as element,
       c.relkind::text as relkind, c.relname
     from pg_catalog.pg_type t
     join pg_catalog.pg_namespace n on n.oid = t.typnamespace
     left join pg_catalog.pg_class c on c.oid = t.typrelid
     where t.typtype = 'd' or (t.typcategory = 'A' and t.typelem <> 0) or (n.nspname = $1 and t.typtype in ('e', 'c'))`,
    [SCHEMA],
  );
  const catalog: TypeCatalog = { named: new Map(), domains: new Map(), arrays: new Map(), rowTypes: new Map() };
  const enums = new Map<string, string[]>();
  const compositeOids: string[] = [];
  for (const type of types.rows) {
    if (type.typtype === "d" && type.base) catalog.domains.set(type.regtype, type.base);
    else if (type.element) catalog.arrays.set(type.regtype, type.element);
    else if (type.typtype === "e") {
      catalog.named.set(type.regtype, `Database["${SCHEMA}"]["Enums"]["${type.typname}"]`);
      enums.set(type.typname, []);
    } else if (type.typtype === "c" && type.relkind === "c") {
      catalog.named.set(type.regtype, `Database["${SCHEMA}"]["CompositeTypes"]["${type.typname}"]`);
      compositeOids.push(type.regtype);
    } else if (type.typtype === "c" && type.relname) {
      catalog.rowTypes.set(type.regtype, type.relname);
    }
  }
  const labels = await db.query<{ typname: string; label: string }>(
    `select t.typname, e.enumlabel as label
     from pg_catalog.pg_enum e
     join pg_catalog.pg_type t on t.oid = e.enumtypid
     join pg_catalog.pg_namespace n on n.oid = t.typnamespace
     where n.nspname = $1
     order by t.typname, e.enumsortorder`,
    [SCHEMA],
  );
  for (const row of labels.rows) enums.get(row.typname)?.push(row.label);
  const composites = new Map<string, { name: string; type: string }[]>();
  const attributes = await db.query<{ typname: string; name: string; type: string }>(
    `select t.typname, a.attname as name, a.atttypid::regtype::text as type
     from pg_catalog.pg_type t
     join pg_catalog.pg_namespace n on n.oid = t.typnamespace
     join pg_catalog.pg_class c on c.oid = t.typrelid and c.relkind = 'c'
     join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where n.nspname = $1
     order by t.typname, a.attname`,
    [SCHEMA],
  );
  for (const row of attributes.rows) {
    const list = composites.get(row.typname) ?? [];
    list.push({ name: row.name, type: row.type });
    composites.set(row.typname, list);
  }
  return { catalog, enums, composites };
}

async function loadRelations(db: pg.Client): Promise<RelationInfo[]> {
  const relations = await db.query<{ oid: number; name: string; relkind: string; updatable: number }>(
    `select c.oid::int as oid, c.relname as name, c.relkind::text as relkind,
       pg_catalog.pg_relation_is_updatable(c.oid, false) as updatable
     from pg_catalog.pg_class c
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition
     order by c.relname`,
    [SCHEMA],
  );
  const columns = await db.query<{
    relid: number;
    name: string;
    type: string;
    notnull: boolean;
    hasdefault: boolean;
    identity: "" | "a" | "d";
    generated: boolean;
  }>(
    `select a.attrelid::int as relid, a.attname as name, a.atttypid::regtype::text as type, a.attnotnull as notnull,
       a.atthasdef as hasdefault, a.attidentity::text as identity, a.attgenerated <> '' as generated
     from pg_catalog.pg_attribute a
     join pg_catalog.pg_class c on c.oid = a.attrelid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f') and a.attnum > 0 and not a.attisdropped
     order by a.attname`,
    [SCHEMA],
  );
  return relations.rows.map((relation) => {
    const isTable = relation.relkind === "r" || relation.relkind === "p" || relation.relkind === "f";
    return {
      oid: relation.oid,
      name: relation.name,
      kind: isTable ? "table" : "view",
      // pg_relation_is_updatable bits: 1 << 2 update, 1 << 3 insert (CMD_UPDATE, CMD_INSERT).
      insertable: isTable || (relation.updatable & 8) !== 0,
      updatable: isTable || (relation.updatable & 4) !== 0,
      columns: columns.rows
        .filter((column) => column.relid === relation.oid)
        .map((column) => ({
          name: column.name,
          type: column.type,
          notNull: column.notnull,
          hasDefault: column.hasdefault,
          identity: column.identity,
          generated: column.generated,
        })),
    };
  });
}

/** Foreign keys between relations of the schema (PostgREST embeds only within exposed schemas). */
async function loadRelationships(db: pg.Client): Promise<RelationshipInfo[]> {
  const { rows } = await db.query<RelationshipInfo>(
    `select c.relname as "table", k.conname as name,
       array(select a.attname from unnest(k.conkey) with ordinality as u(attnum, n)
             join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.n)::text[] as columns,
       array(select a.attname from unnest(k.confkey) with ordinality as u(attnum, n)
             join pg_catalog.pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.n)::text[]
         as "referencedColumns",
       r.relname as "referencedRelation",
       exists (
         select 1 from pg_catalog.pg_constraint u
         where u.conrelid = k.conrelid and u.contype in ('p', 'u')
           and u.conkey::int2[] @> k.conkey::int2[] and u.conkey::int2[] <@ k.conkey::int2[]
       ) as "oneToOne"
     from pg_catalog.pg_constraint k
     join pg_catalog.pg_class c on c.oid = k.conrelid
     join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     join pg_catalog.pg_class r on r.oid = k.confrelid
     join pg_catalog.pg_namespace rn on rn.oid = r.relnamespace
     where k.contype = 'f' and n.nspname = $1 and rn.nspname = $1
     order by c.relname, k.conname`,
    [SCHEMA],
  );
  return rows;
}

async function loadFunctions(db: pg.Client): Promise<FunctionInfo[]> {
  const { rows } = await db.query<{
    name: string;
    arg_names: string[] | null;
    arg_types: string[];
    arg_modes: string[] | null;
    defaults: number;
    return_type: string;
    returns_set: boolean;
    signature: string;
  }>(
    `select p.proname as name, p.proargnames as arg_names, p.proargmodes::text[] as arg_modes,
       array(select t::regtype::text from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) as t) as arg_types,
       p.pronargdefaults::int as defaults, p.prorettype::regtype::text as return_type, p.proretset as returns_set,
       pg_catalog.pg_get_function_identity_arguments(p.oid) as signature
     from pg_catalog.pg_proc p
     join pg_catalog.pg_namespace n on n.oid = p.pronamespace
     where n.nspname = $1 and p.prokind = 'f'
       and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype, 'internal'::regtype)
       and not ('internal'::regtype = any (p.proargtypes::oid[]))
     order by p.proname, signature`,
    [SCHEMA],
  );
  return rows.map((row) => {
    const modes = row.arg_modes ?? row.arg_types.map(() => "i");
    const inputs: FunctionArg[] = [];
    const outputs: { name: string; type: string }[] = [];
    row.arg_types.forEach((type, index) => {
      const name = row.arg_names?.[index] ?? "";
      const mode = modes[index];
      if (mode === "i" || mode === "b" || mode === "v") inputs.push({ name, type, hasDefault: false });
      if (mode === "o" || mode === "b" || mode === "t") outputs.push({ name, type });
    });
    // The last pronargdefaults input arguments have defaults.
    inputs.forEach((arg, index) => {
      arg.hasDefault = index >= inputs.length - row.defaults;
    });
    return {
      name: row.name,
      args: inputs,
      tableColumns: outputs.length > 0 ? outputs : null,
      returnType: row.return_type,
      returnsSet: row.returns_set,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Printing

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function block(lines: string[], indent: string): string {
  return lines.map((line) => (line ? `${indent}${line}` : line)).join("\n");
}

function emptyRecord(): string[] {
  return ["[_ in never]: never"];
}

function relationBlock(relation: RelationInfo, relationships: RelationshipInfo[], catalog: TypeCatalog): string[] {
  const columns = [...relation.columns].sort(byName);
  const nullable = (column: ColumnInfo) => (column.notNull ? "" : " | null");
  const type = (column: ColumnInfo) => tsType(column.type, catalog);
  const never = (column: ColumnInfo) => column.identity === "a" || column.generated;
  const lines = ["Row: {", ...columns.map((c) => `  ${key(c.name)}: ${type(c)}${nullable(c)}`), "}"];
  if (relation.insertable) {
    lines.push("Insert: {");
    for (const c of columns) {
      if (never(c)) lines.push(`  ${key(c.name)}?: never`);
      else {
        const optional = !c.notNull || c.hasDefault || c.identity === "d" || relation.kind === "view";
        lines.push(`  ${key(c.name)}${optional ? "?" : ""}: ${type(c)}${nullable(c)}`);
      }
    }
    lines.push("}");
  }
  if (relation.updatable) {
    lines.push("Update: {");
    for (const c of columns) lines.push(`  ${key(c.name)}?: ${never(c) ? "never" : `${type(c)}${nullable(c)}`}`);
    lines.push("}");
  }
  const own = relationships.filter((relationship) => relationship.table === relation.name);
  if (own.length === 0) lines.push("Relationships: []");
  else {
    lines.push("Relationships: [");
    for (const relationship of own) {
      lines.push(
        "  {",
        `    foreignKeyName: ${JSON.stringify(relationship.name)}`,
        `    columns: [${relationship.columns.map((c) => JSON.stringify(c)).join(", ")}]`,
        `    isOneToOne: ${relationship.oneToOne}`,
        `    referencedRelation: ${JSON.stringify(relationship.referencedRelation)}`,
        `    referencedColumns: [${relationship.referencedColumns.map((c) => JSON.stringify(c)).join(", ")}]`,
        "  },",
      );
    }
    lines.push("]");
  }
  return lines;
}

function functionVariant(fn: FunctionInfo, catalog: TypeCatalog): string[] {
  const args = [...fn.args].sort(byName);
  const argLines = args.map((arg) => `${key(arg.name)}${arg.hasDefault ? "?" : ""}: ${tsType(arg.type, catalog)}`);
  let returns: string;
  let setof: string | null = null;
  if (fn.tableColumns) {
    const fields = [...fn.tableColumns].sort(byName).map((c) => `${key(c.name)}: ${tsType(c.type, catalog)}`);
    returns = `{ ${fields.join("; ")} }${fn.returnsSet ? "[]" : ""}`;
    if (fields.join("; ").length > 60) {
      returns = `{\n${fields.map((f) => `  ${f}`).join("\n")}\n}${fn.returnsSet ? "[]" : ""}`;
    }
  } else if (catalog.rowTypes.has(fn.returnType)) {
    const relation = catalog.rowTypes.get(fn.returnType) ?? "";
    returns = `Database["${SCHEMA}"]["Tables"]["${relation}"]["Row"]${fn.returnsSet ? "[]" : ""}`;
    setof = `SetofOptions: { from: "*"; to: ${JSON.stringify(relation)}; isOneToOne: ${!fn.returnsSet}; isSetofReturn: ${fn.returnsSet} }`;
  } else {
    const type = tsType(fn.returnType, catalog);
    returns = fn.returnsSet ? (/^[\w$]+$/.test(type) ? `${type}[]` : `(${type})[]`) : type;
  }
  const argsText = argLines.length === 0 ? "never" : `{ ${argLines.join("; ")} }`;
  const returnsLines = returns.split("\n");
  if (argsText.length <= 60 && returnsLines.length === 1 && !setof) {
    return [`{ Args: ${argsText}; Returns: ${returns} }`];
  }
  const lines = ["{"];
  if (argsText.length <= 70) lines.push(`  Args: ${argsText}`);
  else lines.push("  Args: {", ...argLines.map((line) => `    ${line}`), "  }");
  lines.push(`  Returns: ${returnsLines[0]}`, ...returnsLines.slice(1).map((line) => `  ${line}`));
  if (setof) lines.push(`  ${setof}`);
  lines.push("}");
  return lines;
}

function functionsBlock(functions: FunctionInfo[], catalog: TypeCatalog): string[] {
  if (functions.length === 0) return emptyRecord();
  const names = [...new Set(functions.map((fn) => fn.name))].sort();
  const lines: string[] = [];
  for (const name of names) {
    const variants = functions
      .filter((fn) => fn.name === name)
      .map((fn) => functionVariant(fn, catalog))
      .sort((a, b) => (a.join("\n") < b.join("\n") ? -1 : 1));
    if (variants.length === 1 && variants[0].length === 1) lines.push(`${key(name)}: ${variants[0][0]}`);
    else if (variants.length === 1) lines.push(`${key(name)}: ${variants[0][0]}`, ...variants[0].slice(1));
    else {
      lines.push(`${key(name)}:`);
      for (const variant of variants) lines.push(`  | ${variant[0]}`, ...variant.slice(1).map((line) => `    ${line}`));
    }
  }
  return lines;
}

const HEADER = `// Generated by \`npm run db:types\` from the migrated database (schema public). Do not edit: change a migration, then
// run \`npm run db:types\` again (\`npm run db:types:check\` and \`npm test\` fail while this file is stale).

export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]
`;

const HELPERS = `
type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">
type SchemaName = keyof DatabaseWithoutInternals
type DefaultSchema = DatabaseWithoutInternals["public"]
type Schema<S extends SchemaName> = DatabaseWithoutInternals[S]

/** Row of a table or view: \`Tables<"events">\`, or \`Tables<{ schema: "public" }, "events">\`. */
export type Tables<
  NameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"]) | { schema: SchemaName },
  Name extends NameOrOptions extends { schema: SchemaName }
    ? keyof (Schema<NameOrOptions["schema"]>["Tables"] & Schema<NameOrOptions["schema"]>["Views"])
    : never = never,
> = NameOrOptions extends { schema: SchemaName }
  ? (Schema<NameOrOptions["schema"]>["Tables"] & Schema<NameOrOptions["schema"]>["Views"])[Name] extends {
      Row: infer R
    }
    ? R
    : never
  : NameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[NameOrOptions] extends { Row: infer R }
      ? R
      : never
    : never

/** What an insert into a table accepts: \`TablesInsert<"events">\`. */
export type TablesInsert<
  NameOrOptions extends keyof DefaultSchema["Tables"] | { schema: SchemaName },
  Name extends NameOrOptions extends { schema: SchemaName } ? keyof Schema<NameOrOptions["schema"]>["Tables"] : never = never,
> = NameOrOptions extends { schema: SchemaName }
  ? Schema<NameOrOptions["schema"]>["Tables"][Name] extends { Insert: infer I }
    ? I
    : never
  : NameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][NameOrOptions] extends { Insert: infer I }
      ? I
      : never
    : never

/** What an update of a table accepts: \`TablesUpdate<"events">\`. */
export type TablesUpdate<
  NameOrOptions extends keyof DefaultSchema["Tables"] | { schema: SchemaName },
  Name extends NameOrOptions extends { schema: SchemaName } ? keyof Schema<NameOrOptions["schema"]>["Tables"] : never = never,
> = NameOrOptions extends { schema: SchemaName }
  ? Schema<NameOrOptions["schema"]>["Tables"][Name] extends { Update: infer U }
    ? U
    : never
  : NameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][NameOrOptions] extends { Update: infer U }
      ? U
      : never
    : never

export type Enums<
  NameOrOptions extends keyof DefaultSchema["Enums"] | { schema: SchemaName },
  Name extends NameOrOptions extends { schema: SchemaName } ? keyof Schema<NameOrOptions["schema"]>["Enums"] : never = never,
> = NameOrOptions extends { schema: SchemaName }
  ? Schema<NameOrOptions["schema"]>["Enums"][Name]
  : NameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][NameOrOptions]
    : never

export type CompositeTypes<
  NameOrOptions extends keyof DefaultSchema["CompositeTypes"] | { schema: SchemaName },
  Name extends NameOrOptions extends { schema: SchemaName }
    ? keyof Schema<NameOrOptions["schema"]>["CompositeTypes"]
    : never = never,
> = NameOrOptions extends { schema: SchemaName }
  ? Schema<NameOrOptions["schema"]>["CompositeTypes"][Name]
  : NameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][NameOrOptions]
    : never
`;

/** The text of lib/database.types.ts for the database at `url` (any role that can read pg_catalog). */
export async function generateDatabaseTypes(url: string): Promise<string> {
  return withClient(url, async (db) => {
    const { catalog, enums, composites } = await loadTypeCatalog(db);
    const relations = await loadRelations(db);
    const relationships = await loadRelationships(db);
    const functions = await loadFunctions(db);

    const section = (name: string, items: [string, string[]][]): string[] => {
      if (items.length === 0) return [`${name}: {`, ...emptyRecord().map((l) => `  ${l}`), "}"];
      const lines = [`${name}: {`];
      for (const [itemName, body] of items) lines.push(`  ${key(itemName)}: {`, ...body.map((l) => `    ${l}`), "  }");
      lines.push("}");
      return lines;
    };
    const tables = relations.filter((r) => r.kind === "table");
    const views = relations.filter((r) => r.kind === "view");
    const enumNames = [...enums.keys()].sort();
    const compositeNames = [...composites.keys()].sort();
    const schemaLines = [
      ...section("Tables", tables.map((r) => [r.name, relationBlock(r, relationships, catalog)])),
      ...section("Views", views.map((r) => [r.name, relationBlock(r, relationships, catalog)])),
      "Functions: {",
      ...functionsBlock(functions, catalog).map((l) => `  ${l}`),
      "}",
      "Enums: {",
      ...(enumNames.length === 0
        ? emptyRecord()
        : enumNames.map((name) => `${key(name)}: ${(enums.get(name) ?? []).map((v) => JSON.stringify(v)).join(" | ") || "never"}`)
      ).map((l) => `  ${l}`),
      "}",
      "CompositeTypes: {",
      ...(compositeNames.length === 0
        ? emptyRecord()
        : compositeNames.flatMap((name) => [
            `${key(name)}: {`,
            ...(composites.get(name) ?? []).map((a) => `  ${key(a.name)}: ${tsType(a.type, catalog)} | null`),
            "}",
          ])
      ).map((l) => `  ${l}`),
      "}",
    ];
    const constants = enumNames.map(
      (name) => `      ${key(name)}: [${(enums.get(name) ?? []).map((v) => JSON.stringify(v)).join(", ")}],`,
    );
    return [
      HEADER,
      "export type Database = {",
      "  // Lets createClient<Database>() pick the PostgREST feature set of the server.",
      "  __InternalSupabase: {",
      `    PostgrestVersion: "${POSTGREST_VERSION}"`,
      "  }",
      `  ${SCHEMA}: {`,
      block(schemaLines, "    "),
      "  }",
      "}",
      HELPERS,
      "export const Constants = {",
      `  ${SCHEMA}: {`,
      constants.length === 0 ? "    Enums: {}," : ["    Enums: {", ...constants, "    },"].join("\n"),
      "  },",
      "} as const",
      "",
    ].join("\n");
  });
}

export interface TypesCheck {
  upToDate: boolean;
  message: string;
}

/** Compares lib/database.types.ts with what the database at `url` generates. */
export async function checkDatabaseTypes(url: string, file = TYPES_FILE): Promise<TypesCheck> {
  const expected = await generateDatabaseTypes(url);
  const actual = existsSync(file) ? readFileSync(file, "utf8") : null;
  if (actual === expected) return { upToDate: true, message: `${file} is up to date` };
  const firstDifference = actual === null ? null : firstDifferentLine(actual, expected);
  return {
    upToDate: false,
    message:
      actual === null
        ? `${file} is missing: run \`npm run db:types\``
        : `${file} is stale (it does not match the migrations; first difference at line ${firstDifference}): run \`npm run db:types\` and commit the result`,
  };
}

function firstDifferentLine(actual: string, expected: string): number {
  const a = actual.split("\n");
  const b = expected.split("\n");
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  return line + 1;
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  // Imported here: the test imports this module and must not pull in the cluster machinery it does not use.
  const { startTestCluster } = await import("../supabase/local/testing.ts");
  const { cluster, stop } = await startTestCluster();
  try {
    const url = new URL(cluster.superuserUrl);
    url.pathname = `/${cluster.template}`;
    if (check) {
      const result = await checkDatabaseTypes(url.toString());
      console.log(result.message);
      if (!result.upToDate) process.exitCode = 1;
    } else {
      writeFileSync(TYPES_FILE, await generateDatabaseTypes(url.toString()));
      console.log(`wrote ${TYPES_FILE}`);
    }
  } finally {
    await stop();
  }
}

if (import.meta.main) {
  try {
    await main();
  } catch (error) {
    console.error(`db:types failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
