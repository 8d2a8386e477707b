import "server-only";
import { getSiteSettings as readSiteSettings, type SiteSettings } from "@/lib/queries/site-settings";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { Locale } from "@/lib/i18n/settings";
import { isLocale } from "@/lib/i18n/settings";
import { parseSiteMessage, SITE_MESSAGE_COLUMNS, type SiteMessage } from "@/lib/site/messages";
import { createClient } from "@/lib/supabase/server";

export interface SiteEvent {
  id: string;
  slug: string;
  name: string;
  defaultLocale: Locale;
}

/** The event of a site page, by slug (events are public). Cached per request. */
export const getSiteEvent = cache(async (slug: string): Promise<SiteEvent | null> => {
  const supabase = await createClient();
  const { data, error } = await supabase.from("events").select("id, slug, name, default_locale").eq("slug", slug).maybeSingle();
  if (error) throw new Error(`could not read the event: ${error.message}`);
  if (!data) return null;
  return { id: data.id, slug: data.slug, name: data.name, defaultLocale: isLocale(data.default_locale) ? data.default_locale : "en" };
});

export async function requireSiteEvent(slug: string): Promise<SiteEvent> {
  return (await getSiteEvent(slug)) ?? notFound();
}

/** The CMS settings of the site (header menu, OPTIONS); no row means the defaults. Cached per request. */
export const getSiteSettings = cache(async (eventId: string): Promise<SiteSettings> => readSiteSettings(await createClient(), eventId));

/** The event's translation overrides for one locale, by key (anyone may read them). */
export const getTranslationOverrides = cache(async (eventId: string, locale: Locale): Promise<Map<string, string>> => {
  const supabase = await createClient();
  const { data, error } = await supabase.from("translation_overrides").select("key, value").eq("event_id", eventId).eq("locale", locale);
  if (error) throw new Error(`could not read the translation overrides: ${error.message}`);
  return new Map(data.map((row) => [row.key, row.value]));
});

export interface SiteParticipant {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
}

/** The signed-in visitor's participant record in this event, or null (signed out, or not linked to this event). */
export const getSiteParticipant = cache(async (eventId: string): Promise<SiteParticipant | null> => {
  const supabase = await createClient();
  const { data: auth } = await supabase.auth.getClaims();
  const userId = auth?.claims.sub;
  if (!userId) return null;
  const { data, error } = await supabase
    .from("participants")
    .select("id, first_name, last_name, email")
    .eq("event_id", eventId)
    .eq("user_id", userId)
    .maybeSingle();
  if (error) throw new Error(`could not read the participant: ${error.message}`);
  return data ? { id: data.id, firstName: data.first_name, lastName: data.last_name, email: data.email } : null;
});

export async function getUnreadCount(eventId: string): Promise<number> {
  const supabase = await createClient();
  const { data, error } = await supabase.rpc("participant_unread_count", { target_event_id: eventId });
  if (error) throw new Error(`could not count unread messages: ${error.message}`);
  return data;
}

export interface SiteThread {
  id: number;
  participantReadAt: string | null;
}

/** The participant's organizer conversation (one per participant), if it exists. */
export async function getOrganizerThread(participantId: string): Promise<SiteThread | null> {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("threads")
    .select("id, participant_read_at")
    .eq("participant_id", participantId)
    .maybeSingle();
  if (error) throw new Error(`could not read the conversation: ${error.message}`);
  return data ? { id: data.id, participantReadAt: data.participant_read_at } : null;
}

/** A conversation's messages, oldest first (organizer names are the authors' current display names). */
export async function listThreadMessages(threadId: number): Promise<SiteMessage[]> {
  const supabase = await createClient();
  const { data, error } = await supabase
    .from("conversation_messages")
    .select(SITE_MESSAGE_COLUMNS)
    .eq("thread_id", threadId)
    .order("id", { ascending: true })
    .limit(1000);
  if (error) throw new Error(`could not read the conversation: ${error.message}`);
  return data.map(parseSiteMessage).filter((message) => message !== null);
}
