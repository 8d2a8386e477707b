import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/resources/en/site.json";
import fr from "@/lib/i18n/resources/fr/site.json";
import { sendErrorKey } from "./send-errors";

describe("sendErrorKey", () => {
  it("tells a participant over the per-conversation cap to slow down, and gives the text back (refused, not retried)", () => {
    expect(sendErrorKey({ code: "PT429", message: "messages_too_fast" })).toEqual({ key: "composer.errors.tooFast", refused: true });
    expect(en.composer.errors.tooFast).toBe("You are sending messages too fast. Wait a minute and try again.");
    expect(fr.composer.errors.tooFast).toBe("Vous envoyez des messages trop vite. Attendez une minute et réessayez.");
  });

  it("keeps the other refusals and retries a network failure", () => {
    expect(sendErrorKey({ code: "PT403", message: "contact_organizer_disabled" })).toEqual({ key: "composer.errors.contactDisabled", refused: true });
    expect(sendErrorKey({ code: "PT404", message: "thread_not_found" })).toEqual({ key: "composer.errors.notAllowed", refused: true });
    expect(sendErrorKey({ code: "PT422", message: "message_too_long" })).toEqual({ key: "composer.errors.messageTooLong", refused: true });
    expect(sendErrorKey({ code: "", message: "TypeError: fetch failed" })).toEqual({ key: "composer.errors.network", refused: false });
  });
});
