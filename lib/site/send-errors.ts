import type { PostgrestError } from "@supabase/postgrest-js";
import type site from "@/lib/i18n/resources/en/site.json";

/** A key of the site's `composer.errors` group: what a failed send shows. */
export type SendErrorKey = `composer.errors.${keyof (typeof site)["composer"]["errors"]}`;

/**
 * What a refused or failed post_message / contact_organizer tells the participant. `refused`: the server said no (the
 * text goes back to the box, it is not retried); otherwise the send stays in the outbox and is retried.
 */
export function sendErrorKey(error: Pick<PostgrestError, "code" | "message">): { key: SendErrorKey; refused: boolean } {
  switch (error.message) {
    case "contact_organizer_disabled":
      return { key: "composer.errors.contactDisabled", refused: true };
    case "not_a_participant":
    case "thread_not_found":
      return { key: "composer.errors.notAllowed", refused: true };
    case "message_empty":
      return { key: "composer.errors.messageEmpty", refused: true };
    case "message_too_long":
      return { key: "composer.errors.messageTooLong", refused: true };
    // 20 messages a minute per conversation (the cap_participant_message_rate migration).
    case "messages_too_fast":
      return { key: "composer.errors.tooFast", refused: true };
  }
  // supabase-js reports a failed fetch with no code (status 0): the network, not the server.
  if (!error.code) return { key: "composer.errors.network", refused: false };
  console.error("[site] send failed:", error.code, error.message);
  return { key: "composer.errors.unexpected", refused: false };
}
