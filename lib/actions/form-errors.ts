import type { z } from "zod";
import type { ActionResult, ErrorKey } from "./result";

/** A failed safeParse as an action result: the first issue is the message, each field keeps its own. */
export function validationFailure(error: z.ZodError): Extract<ActionResult<never>, { ok: false }> {
  const fieldErrors: Partial<Record<string, ErrorKey>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    fieldErrors[field] ??= toErrorKey(issue.message);
  }
  return { ok: false, error: toErrorKey(error.issues[0]?.message), fieldErrors };
}

// An issue without a message of its own (a wrong type, a malformed id): not the form the app sends, so a tampered or
// stale request, not a failure of the server.
function toErrorKey(message: string | undefined): ErrorKey {
  return message?.startsWith("errors.") ? (message as ErrorKey) : "errors.invalidRequest";
}
