import { afterEach, describe, expect, it, vi } from "vitest";
import { createStackKeys, generateSecrets, TokenError } from "./keys.ts";

describe("access token verification", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("refuses a token that verified earlier once it has expired", async () => {
    const keys = await createStackKeys(await generateSecrets(), "http://127.0.0.1:1/auth/v1");
    const now = Math.floor(Date.now() / 1000);
    const token = await keys.signAccessToken({ role: "authenticated", sub: "u1", iat: now, exp: now + 60 });
    await expect(keys.verifyJwt(token)).resolves.toMatchObject({ sub: "u1", role: "authenticated" });
    vi.useFakeTimers({ now: (now + 61) * 1000 });
    await expect(keys.verifyJwt(token)).rejects.toSatisfy((error) => error instanceof TokenError && error.reason === "expired");
  });

  it("hands out a copy of the claims: a caller changing them does not change the next answer", async () => {
    const keys = await createStackKeys(await generateSecrets(), "http://127.0.0.1:1/auth/v1");
    const token = await keys.signAccessToken({ role: "authenticated", sub: "u2" });
    const first = await keys.verifyJwt(token);
    first.role = "service_role";
    await expect(keys.verifyJwt(token)).resolves.toMatchObject({ role: "authenticated" });
  });

  it("refuses a token signed by another stack's key, even after verifying one of its own", async () => {
    const keys = await createStackKeys(await generateSecrets(), "http://127.0.0.1:1/auth/v1");
    const other = await createStackKeys(await generateSecrets(), "http://127.0.0.1:1/auth/v1");
    await keys.verifyJwt(await keys.signAccessToken({ role: "authenticated", sub: "u3" }));
    const forged = await other.signAccessToken({ role: "authenticated", sub: "u3" });
    await expect(keys.verifyJwt(forged)).rejects.toSatisfy((error) => error instanceof TokenError && error.reason === "invalid");
  });
});
