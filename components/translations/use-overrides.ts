"use client";

import { useCallback, useState } from "react";
import { resetTranslationOverride } from "@/lib/actions/translations-reset";
import { saveTranslationOverride } from "@/lib/actions/translations-save";
import type { Locale } from "@/lib/i18n/settings";
import type { TranslationError } from "@/lib/translations/override-rule";
import { cellId, type OverrideState } from "./override-state";

/**
 * The event's overrides as the tool shows them, updated optimistically: a save or reset shows at once and is rolled
 * back when the server refuses it.
 */
export function useOverrides(eventSlug: string, initial: Record<string, OverrideState>) {
  const [overrides, setOverrides] = useState(initial);

  const put = (id: string, next: OverrideState | undefined) =>
    setOverrides((current) => {
      const copy = { ...current };
      if (next) copy[id] = next;
      else delete copy[id];
      return copy;
    });

  const save = useCallback(
    async (locale: Locale, key: string, value: string, previous: OverrideState | undefined): Promise<TranslationError | null> => {
      const id = cellId(locale, key);
      put(id, { value, updatedAt: previous?.updatedAt ?? null, updatedBy: previous?.updatedBy ?? null, pending: true });
      try {
        const result = await saveTranslationOverride({ eventSlug, locale, key, value });
        if (result.ok) {
          put(id, { ...result.data, pending: false });
          return null;
        }
        put(id, previous);
        return { error: result.error, params: result.params };
      } catch {
        put(id, previous);
        return { error: "errors.unexpected" };
      }
    },
    [eventSlug],
  );

  const reset = useCallback(
    async (locale: Locale, key: string, previous: OverrideState): Promise<TranslationError | null> => {
      const id = cellId(locale, key);
      put(id, undefined);
      try {
        const result = await resetTranslationOverride({ eventSlug, locale, key });
        if (result.ok) return null;
        put(id, previous);
        return { error: result.error, params: result.params };
      } catch {
        put(id, previous);
        return { error: "errors.unexpected" };
      }
    },
    [eventSlug],
  );

  return { overrides, save, reset };
}
