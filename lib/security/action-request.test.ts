import { describe, expect, it } from "vitest";
import { ACTION_BODY_MAX_BYTES, refuseBadActionRequest } from "./action-request";

const APP = "http://127.0.0.1:3000";

function action(init: { origin?: string | null; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const headers = new Headers({ host: "127.0.0.1:3000", "next-action": "7f00", accept: "text/x-component", ...init.headers });
  if (init.origin !== null) headers.set("origin", init.origin ?? APP);
  return new Request(`${APP}/admin/sign-in`, { method: "POST", headers, body: init.body ?? '["$K1",null]' });
}

describe("refuseBadActionRequest", () => {
  it("lets well-formed calls through (text and multipart bodies, no Origin as Next does)", async () => {
    expect(await refuseBadActionRequest(action())).toBeNull();
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("1_email", "a@example.com");
    expect(await refuseBadActionRequest(action({ body: form }))).toBeNull();
    expect(await refuseBadActionRequest(action({ origin: null }))).toBeNull();
    // Behind a proxy the browser's host is the forwarded one.
    expect(await refuseBadActionRequest(action({ origin: "https://app.example", headers: { "x-forwarded-host": "app.example" } }))).toBeNull();
    expect(await refuseBadActionRequest(new Request(`${APP}/admin`, { method: "POST", body: "x" }))).toBeNull();
  });

  it("answers 403 to a foreign or null Origin", async () => {
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:3001", "not a url"]) {
      expect((await refuseBadActionRequest(action({ origin })))?.status, origin).toBe(403);
    }
  });

  it("answers 413 to a body over 1 MB, declared or not", async () => {
    const big = `["${"x".repeat(ACTION_BODY_MAX_BYTES)}"]`;
    expect((await refuseBadActionRequest(action({ body: big, headers: { "content-length": String(big.length) } })))?.status).toBe(413);
    expect((await refuseBadActionRequest(action({ body: big })))?.status).toBe(413);
    const form = new FormData();
    form.set("0", '["$K1"]');
    form.set("1_password", "x".repeat(ACTION_BODY_MAX_BYTES));
    expect((await refuseBadActionRequest(action({ body: form })))?.status).toBe(413);
  });

  it("answers 400 to a body that is not an action's arguments", async () => {
    const broken = new FormData();
    broken.set("1_email", "a@example.com");
    for (const init of [
      { body: "{{{not json" },
      { body: '{"a":1}' },
      { body: "" },
      { body: broken },
      { body: "--x\r\nbroken", headers: { "content-type": "multipart/form-data; boundary=x" } },
      { body: "<xml/>", headers: { "content-type": "application/xml" } },
    ]) {
      expect((await refuseBadActionRequest(action(init)))?.status).toBe(400);
    }
  });
});
