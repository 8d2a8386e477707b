"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useSiteEvents } from "@/lib/realtime/use-site-events";

/** Re-renders a server page (e.g. the conversation list) when something arrives; bursts make one refresh. */
export function LiveRefresh() {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSiteEvents(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 250);
  });
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return null;
}
