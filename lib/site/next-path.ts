import { safeNextPath } from "@/lib/next-path";
import { sitePath } from "@/lib/routes";

/** Where to go after signing in to an event site: a path of that site only (never another site or origin). */
export function siteNextPath(eventSlug: string, requested: unknown): string {
  return safeNextPath(requested, sitePath(eventSlug));
}
