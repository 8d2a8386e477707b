// Parsers of PostgREST's query-string grammar (select, filters, logic trees, order). Pure: no SQL here.
import { ApiError, parseError, unsupported } from "./errors.ts";

export interface JsonStep {
  arrow: "->" | "->>";
  key: string;
  /** an array index (`->0`) rather than an object key */
  index: boolean;
}

export interface FieldRef {
  name: string;
  json: JsonStep[];
}

export type SelectItem =
  | { type: "star" }
  | { type: "column"; field: FieldRef; alias: string | null; cast: string | null }
  | {
      type: "embed";
      name: string;
      alias: string | null;
      hint: string | null;
      join: "inner" | "left" | null;
      items: SelectItem[];
    };

export const FILTER_OPERATORS = [
  "eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch", "in", "is", "isdistinct",
  "cs", "cd", "ov", "sl", "sr", "nxr", "nxl", "adj", "fts", "plfts", "phfts", "wfts",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
const QUANTIFIABLE = new Set<string>(["eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "match", "imatch"]);
const FTS = new Set<string>(["fts", "plfts", "phfts", "wfts"]);
const AGGREGATES = new Set(["count", "sum", "avg", "min", "max"]);

export interface Filter {
  field: FieldRef;
  negate: boolean;
  operator: FilterOperator;
  quantifier: "any" | "all" | null;
  /** text search configuration, `fts(english)` */
  config: string | null;
  /** the value; a list for `in` */
  value: string | string[];
}

export type Condition =
  | { type: "filter"; filter: Filter }
  | { type: "logic"; operator: "and" | "or"; negate: boolean; children: Condition[] };

export interface OrderTerm {
  field: FieldRef;
  direction: "asc" | "desc" | null;
  nulls: "first" | "last" | null;
}

const aggregateError = () =>
  new ApiError(400, "PGRST123", "Use of aggregate functions is not allowed", null, null);

/** A cursor over one parameter's text; failures become PGRST100 naming the parameter. */
class Cursor {
  readonly text: string;
  readonly param: string;
  pos = 0;

  constructor(text: string, param: string) {
    this.text = text;
    this.param = param;
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? "";
  }
  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.pos);
  }
  eat(token: string): boolean {
    if (!this.startsWith(token)) return false;
    this.pos += token.length;
    return true;
  }
  expect(token: string): void {
    if (!this.eat(token)) throw this.fail(`"${token}"`);
  }
  fail(expected: string): ApiError {
    const found = this.done ? "end of input" : `"${this.peek()}"`;
    return parseError(this.param, this.text, `unexpected ${found} at position ${this.pos + 1}, expecting ${expected}`);
  }
}

const IDENT_CHAR = /[\p{L}\p{N}_$ ]/u;

/** A name: `"quoted"` (with `\"` and `\\` escapes) or letters, digits, `_`, `$`, spaces and inner dashes. */
function identifier(cursor: Cursor, what = "a name"): string {
  if (cursor.eat('"')) {
    let name = "";
    while (!cursor.done && cursor.peek() !== '"') {
      if (cursor.peek() === "\\" && (cursor.peek(1) === '"' || cursor.peek(1) === "\\")) cursor.pos += 1;
      name += cursor.peek();
      cursor.pos += 1;
    }
    cursor.expect('"');
    if (name === "") throw cursor.fail(what);
    return checkName(cursor, name);
  }
  const start = cursor.pos;
  while (!cursor.done) {
    const char = cursor.peek();
    if (IDENT_CHAR.test(char)) cursor.pos += 1;
    else if (char === "-" && cursor.peek(1) !== ">" && cursor.pos > start) cursor.pos += 1;
    else break;
  }
  if (cursor.pos === start) throw cursor.fail(what);
  return checkName(cursor, cursor.text.slice(start, cursor.pos));
}

function checkName(cursor: Cursor, name: string): string {
  if (name.includes("\u0000")) throw parseError(cursor.param, cursor.text, "a name cannot contain a NUL character");
  return name;
}

/** `name` followed by optional `->key` / `->>key` steps. */
function field(cursor: Cursor): FieldRef {
  const name = identifier(cursor, "a column name");
  return { name, json: jsonSteps(cursor) };
}

function jsonSteps(cursor: Cursor): JsonStep[] {
  const json: JsonStep[] = [];
  while (cursor.startsWith("->")) {
    const arrow = cursor.startsWith("->>") ? "->>" : "->";
    cursor.pos += arrow.length;
    const index = /^-?[0-9]+/.exec(cursor.text.slice(cursor.pos));
    if (index && !IDENT_CHAR.test(cursor.peek(index[0].length) || ".")) {
      cursor.pos += index[0].length;
      json.push({ arrow, key: index[0], index: true });
    } else {
      json.push({ arrow, key: identifier(cursor, "a JSON key"), index: false });
    }
  }
  return json;
}

export function parseSelect(text: string): SelectItem[] {
  const cursor = new Cursor(text, "select");
  if (text === "") return [];
  const items = selectList(cursor);
  if (!cursor.done) throw cursor.fail('"," or end of input');
  return items;
}

function selectList(cursor: Cursor): SelectItem[] {
  const items = [selectItem(cursor)];
  while (cursor.eat(",")) items.push(selectItem(cursor));
  return items;
}

function selectItem(cursor: Cursor): SelectItem {
  if (cursor.eat("*")) return { type: "star" };
  if (cursor.startsWith("...")) throw unsupported("Spreading an embedded resource (`...relation`)");
  let alias: string | null = null;
  let name = identifier(cursor, "a column name, an embedded resource or *");
  if (cursor.peek() === ":" && cursor.peek(1) !== ":") {
    cursor.pos += 1;
    alias = name;
    if (cursor.startsWith("...")) throw unsupported("Spreading an embedded resource (`...relation`)");
    name = identifier(cursor, "a column name or an embedded resource");
  }
  if (cursor.peek() === "!" || cursor.peek() === "(") {
    if (cursor.startsWith("()") && AGGREGATES.has(name)) throw aggregateError();
    let hint: string | null = null;
    let join: "inner" | "left" | null = null;
    while (cursor.eat("!")) {
      const value = identifier(cursor, "a foreign key, a column, inner or left");
      if (value === "inner" || value === "left") join = value;
      else hint = value;
    }
    cursor.expect("(");
    const items = cursor.peek() === ")" ? [] : selectList(cursor);
    cursor.expect(")");
    return { type: "embed", name, alias, hint, join, items };
  }
  const column = { name, json: jsonSteps(cursor) };
  if (cursor.peek() === "." && /^\.[a-z]+\(\)/.test(cursor.text.slice(cursor.pos))) throw aggregateError();
  let cast: string | null = null;
  if (cursor.eat("::")) {
    const match = /^[A-Za-z_][A-Za-z0-9_]*(\[\])?/.exec(cursor.text.slice(cursor.pos));
    if (!match) throw cursor.fail("a type name");
    cursor.pos += match[0].length;
    cast = match[0].toLowerCase();
  }
  return { type: "column", field: column, alias, cast };
}

/** `col[.asc|.desc][.nullsfirst|.nullslast]`, comma-separated. */
export function parseOrder(text: string, param = "order"): OrderTerm[] {
  const cursor = new Cursor(text, param);
  const terms: OrderTerm[] = [];
  do {
    const ref = field(cursor);
    if (cursor.peek() === "(") throw unsupported("Ordering by a column of an embedded resource (`order=relation(column)`)");
    let direction: OrderTerm["direction"] = null;
    let nulls: OrderTerm["nulls"] = null;
    if (cursor.eat(".asc")) direction = "asc";
    else if (cursor.eat(".desc")) direction = "desc";
    if (cursor.eat(".nullsfirst")) nulls = "first";
    else if (cursor.eat(".nullslast")) nulls = "last";
    terms.push({ field: ref, direction, nulls });
  } while (cursor.eat(","));
  if (!cursor.done) throw cursor.fail('".asc", ".desc", ".nullsfirst", ".nullslast", "," or end of input');
  return terms;
}

/** `field` as a filter key's last segment (a column with an optional JSON path). */
export function parseField(text: string, param: string): FieldRef {
  const cursor = new Cursor(text, param);
  const ref = field(cursor);
  if (!cursor.done) throw cursor.fail("end of the column name");
  return ref;
}

/** Splits a query-string key such as `rel.sub.col`, `rel.order`, `"a.b".col` into its dot-separated names. */
export function splitKey(key: string): string[] {
  const cursor = new Cursor(key, key);
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (; cursor.pos < key.length; cursor.pos += 1) {
    const char = key[cursor.pos];
    if (char === '"') quoted = !quoted;
    else if (char === "\\" && quoted) cursor.pos += 1;
    else if (char === "." && !quoted) {
      parts.push(key.slice(start, cursor.pos));
      start = cursor.pos + 1;
    }
  }
  parts.push(key.slice(start));
  return parts;
}

export function unquoteName(text: string, param: string): string {
  const cursor = new Cursor(text, param);
  const name = identifier(cursor);
  if (!cursor.done) throw cursor.fail("end of the name");
  return name;
}

/** The value of a filter parameter: `[not.]op[(any|all)|(config)].value`. */
export function parseFilterValue(text: string, ref: FieldRef, param: string): Filter {
  const cursor = new Cursor(text, param);
  const head = operatorHead(cursor, ref);
  const value = head.operator === "in" ? inList(cursor) : cursor.text.slice(cursor.pos);
  cursor.pos = cursor.text.length;
  return { ...head, value };
}

function operatorHead(cursor: Cursor, ref: FieldRef): Omit<Filter, "value"> {
  const negate = cursor.eat("not.");
  const match = /^([a-z]+)/.exec(cursor.text.slice(cursor.pos));
  const operator = match?.[1] ?? "";
  if (!(FILTER_OPERATORS as readonly string[]).includes(operator)) {
    throw parseError(
      cursor.param,
      cursor.text,
      `unknown or missing operator "${operator}"; expected one of ${FILTER_OPERATORS.join(", ")}`,
    );
  }
  cursor.pos += operator.length;
  let quantifier: Filter["quantifier"] = null;
  let config: string | null = null;
  if (cursor.peek() === "(") {
    if (QUANTIFIABLE.has(operator)) {
      if (cursor.eat("(any)")) quantifier = "any";
      else if (cursor.eat("(all)")) quantifier = "all";
      else throw cursor.fail('"(any)" or "(all)"');
    } else if (FTS.has(operator)) {
      cursor.pos += 1;
      config = identifier(cursor, "a text search configuration");
      cursor.expect(")");
    } else {
      throw cursor.fail('"."');
    }
  }
  cursor.expect(".");
  return { field: ref, negate, operator: operator as FilterOperator, quantifier, config };
}

/** `(a,"b,c",d)`: quoted items may contain `,()` and `\"`. */
function inList(cursor: Cursor): string[] {
  cursor.expect("(");
  const items: string[] = [];
  if (cursor.eat(")")) return items;
  do {
    if (cursor.peek() === '"') {
      cursor.pos += 1;
      let item = "";
      while (!cursor.done && cursor.peek() !== '"') {
        if (cursor.peek() === "\\" && !cursor.done) cursor.pos += 1;
        item += cursor.peek();
        cursor.pos += 1;
      }
      cursor.expect('"');
      items.push(item);
    } else {
      const start = cursor.pos;
      while (!cursor.done && cursor.peek() !== "," && cursor.peek() !== ")") cursor.pos += 1;
      items.push(cursor.text.slice(start, cursor.pos));
    }
  } while (cursor.eat(","));
  cursor.expect(")");
  return items;
}

/** The value of `or=`, `and=`, `not.or=` ...: `(cond,cond,...)`. */
export function parseLogic(text: string, operator: "and" | "or", negate: boolean, param: string): Condition {
  const cursor = new Cursor(text, param);
  const children = logicList(cursor);
  if (!cursor.done) throw cursor.fail("end of input");
  return { type: "logic", operator, negate, children };
}

function logicList(cursor: Cursor): Condition[] {
  cursor.expect("(");
  const children = [logicItem(cursor)];
  while (cursor.eat(",")) children.push(logicItem(cursor));
  cursor.expect(")");
  return children;
}

function logicItem(cursor: Cursor): Condition {
  for (const [prefix, operator, negate] of [
    ["and(", "and", false],
    ["or(", "or", false],
    ["not.and(", "and", true],
    ["not.or(", "or", true],
  ] as const) {
    if (cursor.startsWith(prefix)) {
      cursor.pos += prefix.length - 1;
      return { type: "logic", operator, negate, children: logicList(cursor) };
    }
  }
  const ref = field(cursor);
  if (cursor.peek() !== ".") throw cursor.fail('"." and an operator');
  cursor.pos += 1;
  const head = operatorHead(cursor, ref);
  let value: string | string[];
  if (head.operator === "in") value = inList(cursor);
  else if (cursor.peek() === '"') {
    cursor.pos += 1;
    value = "";
    while (!cursor.done && cursor.peek() !== '"') {
      if (cursor.peek() === "\\") cursor.pos += 1;
      value += cursor.peek();
      cursor.pos += 1;
    }
    cursor.expect('"');
  } else if (cursor.peek() === "{" || cursor.peek() === "[") {
    value = balanced(cursor);
  } else {
    const start = cursor.pos;
    while (!cursor.done && cursor.peek() !== "," && cursor.peek() !== ")") cursor.pos += 1;
    value = cursor.text.slice(start, cursor.pos);
  }
  return { type: "filter", filter: { ...head, value } };
}

/** `{...}` or `[...]` with nesting and quoted strings, as written for cs/cd/ov inside logic trees. */
function balanced(cursor: Cursor): string {
  const start = cursor.pos;
  let depth = 0;
  let quoted = false;
  while (!cursor.done) {
    const char = cursor.peek();
    cursor.pos += 1;
    if (quoted) {
      if (char === "\\") cursor.pos += 1;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === "{" || char === "[") depth += 1;
    else if (char === "}" || char === "]") {
      depth -= 1;
      if (depth === 0) return cursor.text.slice(start, cursor.pos);
    }
  }
  throw cursor.fail('a closing "}" or "]"');
}

export function parseNonNegativeInt(text: string, param: string): number {
  if (!/^[0-9]{1,15}$/.test(text)) throw parseError(param, text, "expecting a non-negative integer");
  return Number(text);
}
