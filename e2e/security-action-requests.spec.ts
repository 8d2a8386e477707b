// Server action calls Next refuses, answered for what they are (issue 16, finding 6): a foreign or `null` Origin is
// 403, a body over 1 MB is 413, a body that is not an action's arguments is 400, where Next answered all three with
// a 500 and an error digest. Raw `fetch` against the running app, as e2e/security-actions-client.ts calls actions.
import { expect, test } from "@playwright/test";
import { builtActions, encodeActionArgs } from "./security-actions-client";

const PAGE = "/admin/sign-in";

function signInActionId(): string {
  const action = builtActions().find((candidate) => candidate.file.endsWith("lib/actions/sign-in-with-password.ts") && candidate.name === "signInWithPassword");
  if (!action) throw new Error("signInWithPassword is not in the build's server-reference manifest");
  return action.id;
}

async function post(baseURL: string, init: { origin?: string | null; body: BodyInit; contentType?: string }) {
  const headers: Record<string, string> = { accept: "text/x-component", "next-action": signInActionId() };
  if (init.origin !== null) headers.origin = init.origin ?? new URL(baseURL).origin;
  if (init.contentType) headers["content-type"] = init.contentType;
  const response = await fetch(new URL(PAGE, baseURL), { method: "POST", redirect: "manual", headers, body: init.body });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers };
}

/** The sign-in form's arguments `[previous state, form]`, encoded as the browser sends them (multipart). */
async function signInForm(password = "not-the-password"): Promise<FormData> {
  const form = new FormData();
  form.set("email", "organizer@example.com");
  form.set("password", password);
  const body = await encodeActionArgs([null, form]);
  if (typeof body === "string") throw new Error("a form argument is sent as multipart");
  return body;
}

test("a well-formed call from the app's own origin still reaches the action", async ({ baseURL }) => {
  const answer = await post(baseURL ?? "", { body: await signInForm() });
  expect(answer.status).toBe(200);
  expect(answer.text).toContain("errors.invalidCredentials");
});

test("a foreign or null Origin is refused with 403", async ({ baseURL }) => {
  for (const origin of ["https://evil.example", "null"]) {
    const answer = await post(baseURL ?? "", { origin, body: await signInForm() });
    expect(answer.status, origin).toBe(403);
    expect(answer.text).not.toContain("digest");
    expect(answer.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  }
});

test("a body over 1 MB is refused with 413", async ({ baseURL }) => {
  const answer = await post(baseURL ?? "", { body: await signInForm("x".repeat(1024 * 1024 + 1)) });
  expect(answer.status).toBe(413);
  const text = await post(baseURL ?? "", { body: `[null,"${"x".repeat(1024 * 1024)}"]`, contentType: "text/plain;charset=UTF-8" });
  expect(text.status).toBe(413);
});

test("a malformed body is refused with 400", async ({ baseURL }) => {
  const cases: { body: BodyInit; contentType?: string }[] = [
    { body: "{{{ not the arguments", contentType: "text/plain;charset=UTF-8" },
    { body: "--boundary\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n[nu", contentType: "multipart/form-data; boundary=boundary" },
    { body: '{"email":"organizer@example.com"}', contentType: "application/json" },
  ];
  for (const init of cases) {
    const answer = await post(baseURL ?? "", init);
    expect(answer.status, String(init.body).slice(0, 30)).toBe(400);
    expect(answer.text).not.toContain("digest");
  }
});
