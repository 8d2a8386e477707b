import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { randomUUID } from "node:crypto";
import type { Database } from "../../lib/database.types";
import { eventPresenceTopic } from "../../lib/realtime/topics";
import { e2eStack } from "../support/stack";

/**
 * The organizer's side of the site tests, through supabase-js signed in as the organizer (the back-office screens are
 * built elsewhere): send a broadcast, read conversations, change the CMS option, watch presence.
 */
export class OrganizerApi {
  readonly client: SupabaseClient<Database>;
  readonly eventId: string;

  private constructor(client: SupabaseClient<Database>, eventId: string) {
    this.client = client;
    this.eventId = eventId;
  }

  static async signIn(email: string, password: string, eventSlug: string) {
    const { supabaseUrl, publishableKey } = e2eStack();
    const client = createClient<Database>(supabaseUrl, publishableKey, { auth: { persistSession: false, autoRefreshToken: false } });
    const { error } = await client.auth.signInWithPassword({ email, password });
    if (error) throw error;
    const event = await client.from("events").select("id").eq("slug", eventSlug).single();
    if (event.error) throw event.error;
    return new OrganizerApi(client, event.data.id);
  }

  async participantId(email: string): Promise<string> {
    const { data, error } = await this.client.from("participants").select("id").eq("event_id", this.eventId).eq("email", email).single();
    if (error) throw error;
    return data.id;
  }

  /** Registers a new participant (no account yet) and returns their email. */
  async register(firstName: string): Promise<string> {
    const email = `${firstName.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
    const { error } = await this.client
      .from("participants")
      .insert({ event_id: this.eventId, first_name: firstName, last_name: "Tester", email });
    if (error) throw error;
    return email;
  }

  /** SEND NOW to these participants; resolves when the RPC returned. */
  async broadcast(body: string, participantIds: string[]) {
    const { data, error } = await this.client.rpc("send_broadcast", {
      target_event_id: this.eventId,
      body,
      audience: { kind: "selection", participantIds },
      idempotency_key: randomUUID(),
    });
    if (error) throw error;
    return data;
  }

  async messagesWithBody(body: string) {
    const { data, error } = await this.client.from("conversation_messages").select("id, author_side, thread_id, body").eq("event_id", this.eventId).eq("body", body);
    if (error) throw error;
    return data;
  }

  async setOverride(locale: "en" | "fr", key: string, value: string | null) {
    const table = this.client.from("translation_overrides");
    const { error } =
      value === null
        ? await table.delete().eq("event_id", this.eventId).eq("locale", locale).eq("key", key)
        : await table.upsert({ event_id: this.eventId, locale, key, value }, { onConflict: "event_id,locale,key" });
    if (error) throw error;
  }

  async setAllowContact(allow: boolean) {
    const { error } = await this.client
      .from("site_settings")
      .upsert({ event_id: this.eventId, allow_contact_organizer: allow }, { onConflict: "event_id" });
    if (error) throw error;
  }

  /** Joins the event's presence channel as an organizer; `keys()` is who is connected now. */
  async watchPresence() {
    await this.client.realtime.setAuth();
    const channel = this.client.channel(eventPresenceTopic(this.eventId), { config: { private: true } });
    channel.on("presence", { event: "sync" }, () => undefined);
    await new Promise<void>((resolve, reject) => {
      channel.subscribe((status, error) => {
        if (status === "SUBSCRIBED") resolve();
        else if (status === "CHANNEL_ERROR" || status === "TIMED_OUT") reject(error ?? new Error(status));
      });
    });
    return {
      keys: () => Object.keys(channel.presenceState()),
      state: () => channel.presenceState(),
      stop: () => this.client.removeChannel(channel),
    };
  }

  async stop() {
    await this.client.removeAllChannels();
  }
}
