// Every app path is built here, so links, redirects and tests agree.

export const SIGN_IN_PATH = "/admin/sign-in";
export const ADMIN_HOME_PATH = "/admin";
export const AUTH_CONFIRM_PATH = "/auth/confirm";
export const PROFILE_PATH = "/admin/profile";

/** Back-office pages of one event (organizers and translators of that event). */
export const eventAdminPath = (eventSlug: string) => `/admin/events/${encodeURIComponent(eventSlug)}`;
/** The participants grid; `?participant=<id>&tab=details|messages` opens the participant window. */
export const participantsPath = (eventSlug: string) => `${eventAdminPath(eventSlug)}/participants`;
/** INTERACTIVITY › Participants messages (the inbox); `?thread=<id>` opens a conversation. */
export const inboxPath = (eventSlug: string) => `${eventAdminPath(eventSlug)}/messages`;
export const translationsPath = (eventSlug: string) => `${eventAdminPath(eventSlug)}/translations`;
/** The CMS of the event site: header menu and its OPTIONS (organizers). */
export const siteAdminPath = (eventSlug: string) => `${eventAdminPath(eventSlug)}/site`;

/** The event website. */
export const sitePath = (eventSlug: string) => `/e/${encodeURIComponent(eventSlug)}`;
export const siteSignInPath = (eventSlug: string) => `${sitePath(eventSlug)}/sign-in`;
/** The participant's conversations; `/messages/<thread id>` is one conversation. */
export const siteMessagesPath = (eventSlug: string) => `${sitePath(eventSlug)}/messages`;
