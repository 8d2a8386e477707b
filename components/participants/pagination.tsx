"use client";

import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { PAGE_SIZES, type PageSize } from "@/lib/participants/grid-state";

const navButton =
  "inline-flex size-8 items-center justify-center rounded-control border border-border bg-surface text-sm shadow-xs hover:bg-muted disabled:pointer-events-none disabled:opacity-40";

export function Pagination({
  page,
  pageCount,
  pageSize,
  total,
  rowCount,
  loading,
  onPage,
  onPageSize,
}: {
  page: number;
  pageCount: number;
  pageSize: PageSize;
  total: number;
  rowCount: number;
  loading: boolean;
  onPage(page: number): void;
  onPageSize(pageSize: PageSize): void;
}) {
  const { t, i18n } = useTranslation("participants");
  const number = (value: number) => value.toLocaleString(i18n.language);
  const from = (page - 1) * pageSize + 1;

  // A button that turns disabled under the keyboard (First on page 1, Last on the last page) drops focus to <body>:
  // move it to the nearest button still usable, so the keyboard user stays in the pager.
  const buttons = useRef<HTMLDivElement>(null);
  const pressed = useRef<number | null>(null);
  useEffect(() => {
    const list = [...(buttons.current?.querySelectorAll("button") ?? [])];
    const index = pressed.current;
    pressed.current = null;
    if (index === null || !list[index]?.disabled || (document.activeElement !== document.body && document.activeElement !== list[index])) return;
    const order = index < 2 ? [2, 3] : [1, 0];
    order.map((candidate) => list[candidate]).find((button) => button && !button.disabled)?.focus();
  }, [page, pageCount]);
  const go = (index: number, target: number) => {
    pressed.current = index;
    onPage(target);
  };
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 border-t border-border px-3 py-2 text-sm text-muted-foreground">
      <div className="flex items-center gap-2">
        <label htmlFor="participants-page-size">{t("paging.pageSize")}</label>
        <select
          id="participants-page-size"
          className="h-8 rounded-control border border-border bg-surface px-2 text-sm text-foreground"
          value={pageSize}
          onChange={(changeEvent) => {
            const size = PAGE_SIZES.find((candidate) => String(candidate) === changeEvent.target.value);
            if (size) onPageSize(size);
          }}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-3">
        <span className="tabular-nums" data-testid="paging-range">
          {rowCount === 0
            ? t("paging.rangeEmpty", { total: number(total) })
            : t("paging.range", { from: number(from), to: number(from + rowCount - 1), total: number(total) })}
        </span>
        <span className="tabular-nums">{t("paging.pageOf", { page: number(page), pages: number(pageCount) })}</span>
        <div ref={buttons} className="flex items-center gap-1" aria-busy={loading}>
          <button type="button" className={navButton} aria-label={t("paging.first")} disabled={page <= 1} onClick={() => go(0, 1)}>
            «
          </button>
          <button type="button" className={navButton} aria-label={t("paging.previous")} disabled={page <= 1} onClick={() => go(1, page - 1)}>
            ‹
          </button>
          <button type="button" className={navButton} aria-label={t("paging.next")} disabled={page >= pageCount} onClick={() => go(2, page + 1)}>
            ›
          </button>
          <button type="button" className={navButton} aria-label={t("paging.last")} disabled={page >= pageCount} onClick={() => go(3, pageCount)}>
            »
          </button>
        </div>
      </div>
    </div>
  );
}
