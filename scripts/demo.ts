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

/** The lines `npm run dev` prints under its banner. */
export function demoLoginLines(appUrl: string): string[] {
  const pad = (label: string) => label.padEnd(17);
  return [
    `${pad("Demo organizer")}${DEMO_ORGANIZER.email} / ${DEMO_ORGANIZER.password}   (${DEMO_ORGANIZER.displayName}, both events)`,
    `${pad("Second organizer")}${DEMO_ORGANIZER_2.email} / ${DEMO_ORGANIZER_2.password}   (${DEMO_ORGANIZER_2.displayName}, ${DEMO_EVENT.slug})`,
    `${pad("Translator")}${DEMO_TRANSLATOR.email} / ${DEMO_TRANSLATOR.password}   (${DEMO_TRANSLATOR.displayName}, both events)`,
    `${pad("Demo participant")}${DEMO_PARTICIPANT.email}   (email code on the event site)`,
    `${pad("Event sites")}${appUrl}/e/${DEMO_EVENT.slug}   ${appUrl}/e/${DEMO_EVENT_FR.slug}`,
  ];
}
