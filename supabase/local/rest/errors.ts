// PostgREST error bodies and statuses (wire doc §3.4).

export interface ErrorBody {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

/** An error answered to the client as PostgREST would: `{code, message, details, hint}` with an HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: string | null;
  readonly hint: string | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: string,
    details: string | null = null,
    hint: string | null = null,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.hint = hint;
    this.headers = headers;
  }

  body(): ErrorBody {
    return { code: this.code, message: this.message, details: this.details, hint: this.hint };
  }
}

/** The schema cache did not know a name: the handler reloads the cache once and plans the request again. */
export class CacheMissError extends ApiError {}

export const UNSUPPORTED_CODE = "LOCAL_UNSUPPORTED";

/** A PostgREST feature this local stack does not implement: always a clear error, never a wrong answer. */
export function unsupported(feature: string, status = 501): ApiError {
  return new ApiError(
    status,
    UNSUPPORTED_CODE,
    `${feature} is not supported by the local Supabase stack`,
    null,
    "Use a supported form of the request, or run against a real Supabase project.",
  );
}

export function parseError(param: string, value: string, details: string): ApiError {
  return new ApiError(400, "PGRST100", `"failed to parse ${param} parameter (${value})"`, details);
}

export function unknownColumn(relation: string, column: string): CacheMissError {
  return new CacheMissError(400, "42703", `column ${relation}.${column} does not exist`);
}

/** A database error as node-postgres reports it. */
export interface PgErrorLike {
  code: string;
  message: string;
  detail?: string;
  hint?: string;
}

export function isPgError(error: unknown): error is PgErrorLike {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && typeof message === "string";
}

/** PostgREST's mapping of SQLSTATE to HTTP status. */
export function statusForSqlState(code: string, isAnon: boolean): number {
  const custom = /^PT([0-9]{3})$/.exec(code);
  if (custom) return Number(custom[1]);
  switch (code) {
    case "42501":
      return isAnon ? 401 : 403;
    case "23503":
    case "23505":
      return 409;
    case "25006":
      return 405;
    case "42883":
    case "42P01":
      return 404;
    case "42P17":
    case "54001":
    case "57014":
      return 500;
    case "P0001":
      return 400;
  }
  const prefix = code.slice(0, 2);
  if (prefix === "08" || prefix === "53" || code === "57P01") return 503;
  if (prefix === "0L" || prefix === "0P" || prefix === "28") return 403;
  if (["09", "25", "2D", "38", "39", "3B", "40", "55", "57", "58", "F0", "HV", "XX", "P0"].includes(prefix)) return 500;
  return 400;
}

export function fromPgError(error: PgErrorLike, isAnon: boolean): ApiError {
  return new ApiError(
    statusForSqlState(error.code, isAnon),
    error.code,
    error.message,
    error.detail ?? null,
    error.hint ?? null,
  );
}
