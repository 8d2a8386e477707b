"use client";

import { useCallback, useMemo, useSyncExternalStore } from "react";
import { parseGridState, serializeGridState, type GridState } from "@/lib/participants/grid-state";

// The grid's URL as an external store: our own history writes notify subscribers synchronously, and Back/Forward
// (popstate) too. Reading window.location directly keeps the grid in step with its URL at once (useSearchParams follows
// native history writes later, inside a router transition, and may skip intermediate states).

/** The participant window's URL parameters (not grid state: they survive grid changes). */
export const WINDOW_PARAMS = { participant: "participant", tab: "tab" } as const;
export type WindowTab = "details" | "messages";

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

const currentSearch = () => window.location.search.replace(/^\?/, "");

function navigate(params: URLSearchParams, replace: boolean) {
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
  // Next.js accepts native History API writes: no server round trip, no reload.
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  for (const listener of listeners) listener();
}

/** The page URL's query string; `serverSearch` is what the server rendered with (used while hydrating). */
export function useUrlSearch(serverSearch: string): URLSearchParams {
  const search = useSyncExternalStore(subscribe, currentSearch, () => serverSearch);
  return useMemo(() => new URLSearchParams(search), [search]);
}

/** The grid state, read from the URL and written back to it. */
export function useGridUrlState(params: URLSearchParams): [GridState, (next: GridState, options?: { replace?: boolean }) => void] {
  const state = useMemo(() => parseGridState(params), [params]);
  const setState = useCallback((next: GridState, options: { replace?: boolean } = {}) => {
    const nextParams = serializeGridState(next);
    const current = new URLSearchParams(currentSearch());
    for (const name of Object.values(WINDOW_PARAMS)) {
      const value = current.get(name);
      if (value) nextParams.set(name, value);
    }
    navigate(nextParams, options.replace ?? false);
  }, []);
  return [state, setState];
}

/** The participant window: which participant and tab the URL opens, and a setter (null closes it). */
export function useParticipantWindowParams(
  params: URLSearchParams,
): [{ participantId: string | null; tab: WindowTab }, (participantId: string | null, tab?: WindowTab) => void] {
  const participantId = params.get(WINDOW_PARAMS.participant);
  const tab: WindowTab = params.get(WINDOW_PARAMS.tab) === "messages" ? "messages" : "details";
  const open = useCallback((id: string | null, nextTab: WindowTab = "details") => {
    const next = new URLSearchParams(currentSearch());
    const wasOpen = next.has(WINDOW_PARAMS.participant);
    next.delete(WINDOW_PARAMS.participant);
    next.delete(WINDOW_PARAMS.tab);
    if (id) {
      next.set(WINDOW_PARAMS.participant, id);
      next.set(WINDOW_PARAMS.tab, nextTab);
    }
    // Opening pushes a history entry (Back closes the window); switching tabs or closing replaces it.
    navigate(next, wasOpen || id === null);
  }, []);
  return [{ participantId, tab }, open];
}
