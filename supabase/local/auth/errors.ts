import { z } from "zod";
import { json } from "../http.ts";

/** GoTrue answers clients that send this header in the 2024-01-01 format and echoes it; auth-js reads `code` only then. */
export const API_VERSION_HEADER = "X-Supabase-Api-Version";
export const API_VERSION = "2024-01-01";

/** An error GoTrue would answer: HTTP status, machine-readable `code` (auth-js `error.code`) and message. */
export class AuthError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

export const badRequest = (code: string, message: string) => new AuthError(400, code, message);
export const forbidden = (code: string, message: string) => new AuthError(403, code, message);
export const unprocessable = (code: string, message: string) => new AuthError(422, code, message);
export const validationFailed = (message: string) => badRequest("validation_failed", message);

/** A feature the local server leaves out on purpose; the message names it so nobody mistakes it for a bug. */
export function unsupported(feature: string, status = 501, code = "not_implemented"): AuthError {
  return new AuthError(status, code, `${feature} is not supported by the local auth server`);
}

export function withApiVersion(response: Response): Response {
  response.headers.set(API_VERSION_HEADER, API_VERSION);
  return response;
}

/** New-format body (`code`, `message`) plus the legacy fields (`error_code`, `msg`) older clients read. */
export function errorResponse(error: AuthError): Response {
  return withApiVersion(
    json({ code: error.code, message: error.message, error_code: error.code, msg: error.message, ...error.extra }, error.status),
  );
}

export function zodMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid request body";
  const path = issue.path.map(String).join(".");
  return path ? `Invalid request body: ${path}: ${issue.message}` : `Invalid request body: ${issue.message}`;
}
