import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Who may open a route: decides the expected answer per actor (e2e/security-access.spec.ts) and who scans it (e2e/a11y.spec.ts). */
export type RouteClass =
  | "public" // anyone
  | "backoffice" // any signed-in user (shows only their own events); anon → back-office sign-in
  | "event-team" // organizers and translators of the event
  | "event-organizer" // organizers of the event only
  | "site-public" // the event site's public pages
  | "site-participant" // participants of the event signed in on its site; else → the site's sign-in
  | "site-thread" // one conversation: only its own participant (404 for others)
  | "auth-callback"; // sign-in link landings: without a valid token → the sign-in page with an error

/** Every route of app/, by its pattern. A route added to app/ must be added here (a test fails otherwise). */
export const ROUTES: Record<string, RouteClass> = {
  "/": "public",
  "/admin/sign-in": "public",
  "/admin": "backoffice",
  "/admin/profile": "backoffice",
  "/admin/events/[eventSlug]": "event-team",
  "/admin/events/[eventSlug]/translations": "event-team",
  "/admin/events/[eventSlug]/participants": "event-organizer",
  "/admin/events/[eventSlug]/messages": "event-organizer",
  "/admin/events/[eventSlug]/site": "event-organizer",
  "/e/[eventSlug]": "site-public",
  "/e/[eventSlug]/sign-in": "site-public",
  "/e/[eventSlug]/messages": "site-participant",
  "/e/[eventSlug]/messages/contact": "site-participant",
  "/e/[eventSlug]/messages/[threadId]": "site-thread",
  "/auth/confirm": "auth-callback",
  "/e/[eventSlug]/auth/confirm": "auth-callback",
};

const APP_DIR = join(import.meta.dirname, "..", "..", "app");

/** The route patterns of app/: every page.tsx and route.ts, route groups "(name)" and private folders "_x" left out. */
export function appRoutes(): string[] {
  const files = readdirSync(APP_DIR, { recursive: true, encoding: "utf8" }).filter((file) => /(^|[/\\])(page\.tsx|route\.ts)$/.test(file));
  return files
    .filter((file) => !file.split(sep).some((part) => part.startsWith("_")))
    .map((file) => {
      const segments = relative(APP_DIR, join(APP_DIR, file)).split(sep).slice(0, -1);
      return `/${segments.filter((segment) => !/^\(.*\)$/.test(segment)).join("/")}`;
    })
    .sort();
}
