"use client";

import { useCallback, useRef, useState } from "react";
import { useSiteClient, useSiteEvents } from "./use-site-events";

/** The header's unread count: server-rendered, then recounted by the database on every relevant Realtime event. */
export function useSiteUnread(eventId: string, initial: number): number {
  const { rest } = useSiteClient();
  const [count, setCount] = useState(initial);
  const request = useRef(0);

  const recount = useCallback(async () => {
    const mine = ++request.current;
    const { data, error } = await rest.rpc("participant_unread_count", { target_event_id: eventId });
    // Answers may cross: only the latest request's answer counts.
    if (error || mine !== request.current) return;
    setCount(data);
  }, [rest, eventId]);

  useSiteEvents((event) => {
    if (event.kind === "message" && event.authorSide === "participant") return;
    void recount();
  });
  return count;
}
