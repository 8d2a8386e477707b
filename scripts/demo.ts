import { SIGN_IN_PATH, sitePath, siteSignInPath } from "../lib/routes.ts";

/** Demo accounts and events created by the seed and printed by `npm run dev`; e2e tests sign in with them. */
export const DEMO_ORGANIZER = {
  email: "organizer@example.com",
  password: "organizer-demo",
  displayName: "Alice Martin",
} as const;

/** A second organizer of the demo event (the team shares every conversation). */
export const DEMO_ORGANIZER_2 = {
  email: "organizer2@example.com",
  password: "organizer-demo",
  displayName: "Thomas Dubois",
} as const;

/** A back-office member who may only edit translations (both events). */
export const DEMO_TRANSLATOR = {
  email: "translator@example.com",
  password: "translator-demo",
  displayName: "Camille Laurent",
} as const;

/**
 * A participant of the demo event linked to an account. Participants sign in to the event site with an email code
 * (participant rights need an email-proven session), so the account has no password; tests sign in by code or with
 * an admin-generated magic link.
 */
export const DEMO_PARTICIPANT = {
  email: "participant@example.com",
  firstName: "Emma",
  lastName: "Wilson",
  company: "Northwind Labs",
  jobTitle: "Product Manager",
} as const;

export const DEMO_EVENT = { slug: "demo", name: "Tech Summit 2026", defaultLocale: "en" } as const;
export const DEMO_EVENT_FR = { slug: "sommet-numerique", name: "Sommet du Numérique 2026", defaultLocale: "fr" } as const;

/** Where the local stack serves its mailbox page (supabase/local/mailbox-routes.ts, mounted at /__local/mailbox). */
export const LOCAL_MAILBOX_PAGE = "/__local/mailbox/html";

/**
 * How each demo user signs in, as `npm run dev` prints it: the back-office team with email + password at
 * /admin/sign-in; the participant on the event site with their email and the 6-digit code mailed to them (the site
 * has no password sign-in), read in the local mailbox.
 */
export function demoLoginLines(appUrl: string, stackUrl: string): string[] {
  const pad = (label: string) => label.padEnd(17);
  const mailbox = `${stackUrl}${LOCAL_MAILBOX_PAGE}?email=${encodeURIComponent(DEMO_PARTICIPANT.email)}`;
  const both = `${DEMO_EVENT.slug} and ${DEMO_EVENT_FR.slug}`;
  return [
    `Back-office: email + password at ${appUrl}${SIGN_IN_PATH}`,
    `${pad("  Organizer")}${DEMO_ORGANIZER.email} / ${DEMO_ORGANIZER.password}   (${DEMO_ORGANIZER.displayName}, ${both})`,
    `${pad("  Organizer")}${DEMO_ORGANIZER_2.email} / ${DEMO_ORGANIZER_2.password}   (${DEMO_ORGANIZER_2.displayName}, ${DEMO_EVENT.slug})`,
    `${pad("  Translator")}${DEMO_TRANSLATOR.email} / ${DEMO_TRANSLATOR.password}   (${DEMO_TRANSLATOR.displayName}, ${both})`,
    `Event site: email, then the 6-digit code mailed to it (no password) at ${appUrl}${siteSignInPath(DEMO_EVENT.slug)}`,
    `${pad("  Participant")}${DEMO_PARTICIPANT.email}   (${DEMO_PARTICIPANT.firstName} ${DEMO_PARTICIPANT.lastName}, ${DEMO_EVENT.slug})`,
    `${pad("  Their code")}${mailbox}   (the local mailbox; reload it after "Email me a code")`,
    `${pad("Event sites")}${appUrl}${sitePath(DEMO_EVENT.slug)}   ${appUrl}${sitePath(DEMO_EVENT_FR.slug)}`,
  ];
}
