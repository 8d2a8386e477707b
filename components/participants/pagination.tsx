"use client";

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
        <div className="flex items-center gap-1" aria-busy={loading}>
          <button type="button" className={navButton} aria-label={t("paging.first")} disabled={page <= 1} onClick={() => onPage(1)}>
            «
          </button>
          <button type="button" className={navButton} aria-label={t("paging.previous")} disabled={page <= 1} onClick={() => onPage(page - 1)}>
            ‹
          </button>
          <button type="button" className={navButton} aria-label={t("paging.next")} disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
            ›
          </button>
          <button type="button" className={navButton} aria-label={t("paging.last")} disabled={page >= pageCount} onClick={() => onPage(pageCount)}>
            »
          </button>
        </div>
      </div>
    </div>
  );
}
