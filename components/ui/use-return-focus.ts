"use client";

import { useRef, type RefObject } from "react";

/**
 * Focus for a dialog opened without a Radix `Trigger` (opened from a menu item, a row button or the URL): Radix would
 * return focus to its missing trigger, i.e. to `<body>`. This remembers what had focus when the dialog opened and
 * returns there on close; when that element is gone (a menu item, a page load), to `fallback`.
 */
export function useReturnFocus(fallback?: RefObject<HTMLElement | null>) {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus() {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
    },
    onCloseAutoFocus(event: Event) {
      const target = opener.current?.isConnected ? opener.current : (fallback?.current ?? null);
      opener.current = null;
      if (!target) return;
      event.preventDefault();
      target.focus({ preventScroll: true });
    },
  };
}
