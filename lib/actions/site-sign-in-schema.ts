import { z } from "zod";
import type site from "@/lib/i18n/resources/en/site.json";
import type { RateLimitValues } from "./auth-rate-limit";

/** An i18n key (site namespace) of the event-site sign-in errors. */
export type SiteSignInErrorKey = `signIn.errors.${keyof (typeof site)["signIn"]["errors"]}`;

/** A failed event-site sign-in: the message key and its interpolation values (the wait of a rate limit). */
export type SiteSignInFailure = { ok: false; error: SiteSignInErrorKey; values?: RateLimitValues };

export type SiteSignInResult<T> = { ok: true; data: T } | SiteSignInFailure;

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const slug = z.string().regex(SLUG_PATTERN).max(64);
const email = z.string({ error: "signIn.errors.invalidEmail" }).trim().toLowerCase().pipe(z.email({ error: "signIn.errors.invalidEmail" }).max(320));

export const siteSendCodeSchema = z.object({ eventSlug: slug, email, next: z.string().optional() });

export const siteVerifyCodeSchema = z.object({
  eventSlug: slug,
  email,
  code: z.string({ error: "signIn.errors.invalidCode" }).trim().regex(/^\d{6}$/, { error: "signIn.errors.invalidCode" }),
  next: z.string().optional(),
});

/** A failed parse's message; an issue without one of its own (the slug, a wrong type) means a tampered or stale form. */
export function toSiteSignInErrorKey(message: string | undefined): SiteSignInErrorKey {
  return message?.startsWith("signIn.errors.") ? (message as SiteSignInErrorKey) : "signIn.errors.invalidRequest";
}
