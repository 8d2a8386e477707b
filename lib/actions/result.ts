import type backoffice from "@/lib/i18n/resources/en/backoffice.json";
import type { RateLimitValues } from "./auth-rate-limit";

/** An i18n key of the back-office `errors` group: what actions return instead of messages. */
export type ErrorKey = `errors.${keyof (typeof backoffice)["errors"]}`;

/** A failed action: the message key, its interpolation values (the wait of a rate limit), and per-field keys. */
export type ActionFailure = { ok: false; error: ErrorKey; values?: RateLimitValues; fieldErrors?: Partial<Record<string, ErrorKey>> };

export type ActionResult<T = undefined> = { ok: true; data: T } | ActionFailure;
