import { describe, expect, it } from "vitest";
import { LOCAL_DIR, PROJECT_ROOT } from "../supabase/local/project";
import { DEMO_ORGANIZER, DEMO_ORGANIZER_2, DEMO_PARTICIPANT, DEMO_TRANSLATOR } from "./demo";
import { devBanner, displayFolder, type DevBannerInfo } from "./dev-banner";

const info: DevBannerInfo = {
  seconds: "12.3",
  appUrl: "http://localhost:3000",
  stackUrl: "http://127.0.0.1:54321",
  postgresUrl: "postgresql://postgres:s3cret@127.0.0.1:54322/postgres",
  stateDir: LOCAL_DIR,
  publishableKey: "sb_publishable_x",
  secretKey: "sb_secret_x",
  anonKey: "eyJ.anon",
  cwd: PROJECT_ROOT,
};

const lines = (text: string) => text.split("\n").map((line) => line.trim());
const lineWith = (text: string, needle: string) => lines(text).find((line) => line.includes(needle)) ?? "";

describe("npm run dev's banner", () => {
  const banner = devBanner(info);

  it("gives the back-office team email + password at /admin/sign-in", () => {
    expect(banner).toContain("Back-office: email + password at http://localhost:3000/admin/sign-in");
    for (const user of [DEMO_ORGANIZER, DEMO_ORGANIZER_2, DEMO_TRANSLATOR]) {
      expect(lineWith(banner, user.email)).toContain(`${user.email} / ${user.password}`);
    }
  });

  it("gives the participant the event site's code sign-in and the local mailbox, never a password", () => {
    expect(banner).toContain("Event site: email, then the 6-digit code mailed to it (no password) at http://localhost:3000/e/demo/sign-in");
    const participant = lineWith(banner, DEMO_PARTICIPANT.email);
    expect(participant).not.toContain(" / ");
    expect(lineWith(banner, "Their code")).toContain("http://127.0.0.1:54321/__local/mailbox/html?email=participant%40example.com");
    expect(banner).not.toMatch(/participant-demo/);
  });

  it("hides the database password and names the state folder in use", () => {
    expect(banner).not.toContain("s3cret");
    expect(lineWith(banner, "Database")).toContain("postgresql://postgres:<password>@127.0.0.1:54322/postgres   (password: .supabase-local/secrets.json)");
    expect(lineWith(banner, "State folder")).toMatch(/^State folder\s+\.supabase-local\/ /);

    const elsewhere = devBanner({ ...info, stateDir: "/var/tmp/stack-state" });
    expect(lineWith(elsewhere, "Database")).toContain("(password: /var/tmp/stack-state/secrets.json)");
    expect(lineWith(elsewhere, "State folder")).toMatch(/^State folder\s+\/var\/tmp\/stack-state\/ /);
    expect(elsewhere).not.toContain(".supabase-local");
  });
});

describe("displayFolder", () => {
  it("is relative inside the project, absolute outside", () => {
    expect(displayFolder("/repo/.supabase-local/bench-cold-start", "/repo")).toBe(".supabase-local/bench-cold-start/");
    expect(displayFolder("/elsewhere/state", "/repo")).toBe("/elsewhere/state/");
    expect(displayFolder("/repo-other/state", "/repo")).toBe("/repo-other/state/");
    expect(displayFolder("/repo", "/repo")).toBe("./");
  });
});
