/** Demo accounts created by the seed and printed by `npm run dev`; e2e tests sign in with them. */
export const DEMO_ORGANIZER = {
  email: "organizer@example.com",
  password: "organizer-demo",
  displayName: "Alice Martin",
} as const;
