import { sitePath } from "@/lib/routes";

/** Where to go after signing in to an event site: a path of that site only (never another site or origin). */
export function siteNextPath(eventSlug: string, requested: unknown): string {
  const home = sitePath(eventSlug);
  if (typeof requested !== "string" || requested.length > 500) return home;
  if (requested !== home && !requested.startsWith(`${home}/`) && !requested.startsWith(`${home}?`)) return home;
  // "/e/demo/../../admin" or backslashes could escape the site once normalized by the browser.
  if (/[\\]|\/\.\.?(\/|$)|\/\//.test(requested)) return home;
  return requested;
}
