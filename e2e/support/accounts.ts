// The demo organizer seeded by scripts/seed.ts for every e2e run (see scripts/demo.ts).
export { DEMO_EVENT, DEMO_EVENT_FR, DEMO_ORGANIZER } from "../../scripts/demo.ts";
