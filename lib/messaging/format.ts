// Dates of conversations, in the viewer's time zone and locale.

/** The local calendar day of a date, as a sortable key (YYYY-MM-DD). */
export function dayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole local days between a date and now: 0 today, 1 yesterday. */
export function daysAgo(date: Date, now: Date = new Date()): number {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((start(now) - start(date)) / 86_400_000);
}

export const formatTime = (date: Date, locale: string) =>
  new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" }).format(date);

/** A day separator: "Today", "Yesterday" (given), then "Monday 23 November", with the year when not this year's. */
export function formatDay(date: Date, locale: string, labels: { today: string; yesterday: string }, now: Date = new Date()): string {
  const ago = daysAgo(date, now);
  if (ago === 0) return labels.today;
  if (ago === 1) return labels.yesterday;
  return new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }),
  }).format(date);
}

/** A list's short time: the time today, the weekday this week, else the date. */
export function formatShort(date: Date, locale: string, labels: { yesterday: string }, now: Date = new Date()): string {
  const ago = daysAgo(date, now);
  if (ago <= 0) return formatTime(date, locale);
  if (ago === 1) return labels.yesterday;
  if (ago < 7) return new Intl.DateTimeFormat(locale, { weekday: "short" }).format(date);
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: "numeric" }),
  }).format(date);
}

/** The full date and time, for a title/tooltip. */
export const formatFull = (date: Date, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short" }).format(date);

/** A participant's name as lists show it; the email when both names are blank. */
export function participantName(p: { first_name: string | null; last_name: string | null; email?: string | null }): string {
  const name = [p.first_name, p.last_name].map((part) => part?.trim()).filter(Boolean).join(" ");
  return name || p.email || "";
}
