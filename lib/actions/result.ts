import type backoffice from "@/lib/i18n/resources/en/backoffice.json";

/** An i18n key of the back-office `errors` group: what actions return instead of messages. */
export type ErrorKey = `errors.${keyof (typeof backoffice)["errors"]}`;

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: ErrorKey; fieldErrors?: Partial<Record<string, ErrorKey>> };
