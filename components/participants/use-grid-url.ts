"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseGridState, serializeGridState, type GridState } from "@/lib/participants/grid-state";

/** The participant window's URL parameters (not grid state: they survive grid changes). */
export const WINDOW_PARAMS = { participant: "participant", tab: "tab" } as const;
export type WindowTab = "details" | "messages";

function navigate(params: URLSearchParams, replace: boolean) {
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
  // Next.js syncs useSearchParams with the native History API: no server round trip, no reload.
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
}

/** The grid state, read from the URL and written back to it. */
export function useGridUrlState(): [GridState, (next: GridState, options?: { replace?: boolean }) => void] {
  const searchParams = useSearchParams();
  const state = useMemo(() => parseGridState(new URLSearchParams(searchParams.toString())), [searchParams]);
  const setState = useCallback((next: GridState, options: { replace?: boolean } = {}) => {
    const params = serializeGridState(next);
    const current = new URLSearchParams(window.location.search);
    for (const name of Object.values(WINDOW_PARAMS)) {
      const value = current.get(name);
      if (value) params.set(name, value);
    }
    navigate(params, options.replace ?? false);
  }, []);
  return [state, setState];
}

/** The participant window: which participant and tab the URL opens, and a setter (null closes it). */
export function useParticipantWindowParams(): [
  { participantId: string | null; tab: WindowTab },
  (participantId: string | null, tab?: WindowTab) => void,
] {
  const searchParams = useSearchParams();
  const participantId = searchParams.get(WINDOW_PARAMS.participant);
  const tab: WindowTab = searchParams.get(WINDOW_PARAMS.tab) === "messages" ? "messages" : "details";
  const open = useCallback((id: string | null, nextTab: WindowTab = "details") => {
    const params = new URLSearchParams(window.location.search);
    params.delete(WINDOW_PARAMS.participant);
    params.delete(WINDOW_PARAMS.tab);
    if (id) {
      params.set(WINDOW_PARAMS.participant, id);
      params.set(WINDOW_PARAMS.tab, nextTab);
    }
    const wasOpen = new URLSearchParams(window.location.search).has(WINDOW_PARAMS.participant);
    // Opening pushes a history entry (Back closes the window); switching tabs or closing replaces it.
    navigate(params, wasOpen || id === null);
  }, []);
  return [{ participantId, tab }, open];
}
