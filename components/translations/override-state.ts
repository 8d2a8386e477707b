import type { Locale } from "@/lib/i18n/settings";

/** An override as the tool shows it. */
export interface OverrideState {
  value: string;
  updatedAt: string | null;
  /** The updater's display name; null when it cannot be read. */
  updatedBy: string | null;
  /** Shown at once, not yet confirmed by the server. */
  pending: boolean;
}

/** One cell of the tool: a key in a locale. */
export const cellId = (locale: Locale, key: string) => `${locale}:${key}`;
