import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

const PROBE = "http://app.example/admin/sign-in";

/** Where a browser lands when it follows `Location: <path>` from the sign-in page. */
const landing = (path: string) => new URL(path, PROBE).href;

describe("safeNextPath", () => {
  it("keeps paths of its scope, with their query and fragment", () => {
    for (const path of ["/admin", "/admin/events/demo/participants?participant=1&tab=messages", "/admin?tab=1", "/admin/profile#name"]) {
      expect(safeNextPath(path, "/admin")).toBe(path);
    }
    expect(safeNextPath("/e/demo/messages/12", "/e/demo")).toBe("/e/demo/messages/12");
    // A query may carry anything, encoded slashes included: it does not change where the browser goes.
    expect(safeNextPath("/admin/events/demo/participants?q=a%2F%2Fb", "/admin")).toBe("/admin/events/demo/participants?q=a%2F%2Fb");
  });

  it("refuses what the security probe used to leave the app", () => {
    // `?next=%2F.%2F%2Fevil.example` and the visit of `/admin/../..//evil.example` (the proxy made it `next`): the
    // browser resolves both to `//evil.example` on this app, which the server then redirects to http://evil.example/.
    for (const probe of ["/.//evil.example", "/admin/../..//evil.example"]) {
      expect(new URL(landing(probe)).pathname).toBe("//evil.example");
      expect(safeNextPath(probe, "/admin")).toBe("/admin");
    }
  });

  it("refuses every other way out of the app or out of the scope", () => {
    const hostile = [
      undefined,
      null,
      42,
      "",
      "admin",
      "https://evil.example/admin",
      "http:/evil.example",
      "javascript:alert(1)//",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "/admin\\..\\..\\/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      " /admin",
      "/admin\n",
      "/admin/%2e%2e/%2e%2e//evil.example",
      "/admin/%2E%2E%2F%2E%2E%2F%2Fevil.example",
      "/admin/.%2e/.%2e//evil.example",
      "/admin/./",
      "/admin/..",
      "/%2F%2Fevil.example",
      "/admin/%2f%2fevil.example",
      "/admin/%5cevil.example",
      "/admin//evil.example",
      "/admin/événement",
      "/administrator",
      "/e/demo",
      "/admin".padEnd(2001, "x"),
    ];
    for (const value of hostile) expect(safeNextPath(value, "/admin"), JSON.stringify(value)).toBe("/admin");
    for (const value of ["/admin", "/e/demo-2/messages", "/e/demo/../../admin", "/e/demo/%2e%2e/%2e%2e/admin", "/e/demo//evil.example", "/e/demox"]) {
      expect(safeNextPath(value, "/e/demo"), value).toBe("/e/demo");
    }
  });

  it("only ever answers a same-origin path, whatever it is given", () => {
    const samples = ["/.//evil.example", "/admin/../..//evil.example", "/\\evil.example", "/\t/evil.example", "/admin/%2e%2e//evil.example"];
    for (const sample of samples) {
      const target = new URL(landing(safeNextPath(sample, "/admin")));
      expect(target.origin).toBe("http://app.example");
      expect(target.pathname).not.toContain("//");
    }
  });
});
