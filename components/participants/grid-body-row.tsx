"use client";

import { memo, type MouseEvent } from "react";
import type { TFunction } from "i18next";
import { cn } from "@/components/ui/cn";
import type { GridRow } from "@/lib/participants/grid-page";
import type { GridColumn } from "@/lib/participants/grid-state";
import { ConnectedBadge } from "./connected-badge";

/**
 * One participant's row. Memoized on its values: a new page, a loading state or a selection change re-renders only the
 * rows whose participant, selection or presence changed (a page of 200 rows is most of the grid's rendering time).
 */
export const GridBodyRow = memo(
  function GridBodyRow({
    row,
    columns,
    selected,
    connected,
    dateFormat,
    t,
    onSelect,
    onOpen,
  }: {
    row: GridRow;
    /** The visible data columns, in order (a stable array: the same one while the columns do not change). */
    columns: readonly GridColumn[];
    selected: boolean;
    /** Whether the participant is connected now (only read when the "connected" column is shown). */
    connected: boolean;
    dateFormat: Intl.DateTimeFormat;
    t: TFunction<"participants">;
    onSelect(row: GridRow, selected: boolean): void;
    onOpen(id: string): void;
  }) {
    const name = `${row.first_name} ${row.last_name}`;
    const openRow = (clickEvent: MouseEvent) => {
      if ((clickEvent.target as HTMLElement).closest("button, input, a, label")) return;
      onOpen(row.id);
    };
    return (
      <tr data-participant-id={row.id} aria-selected={selected} className={cn("cursor-pointer hover:bg-muted/50", selected && "bg-primary/5")} onClick={openRow}>
        <td className="h-11 pr-0 pl-3">
          <input
            type="checkbox"
            className="size-4 accent-primary"
            aria-label={t("selection.selectRow", { name })}
            checked={selected}
            onChange={(changeEvent) => onSelect(row, changeEvent.target.checked)}
          />
        </td>
        {columns.map((column) => {
          if (column === "connected") {
            return (
              <td key={column} className="px-3">
                <ConnectedBadge active={connected} />
              </td>
            );
          }
          if (column === "registered_at") {
            return (
              <td key={column} className="px-3 whitespace-nowrap tabular-nums">
                {dateFormat.format(new Date(row.registered_at))}
              </td>
            );
          }
          const value = row[column];
          return value ? (
            <td key={column} className="truncate px-3" title={value}>
              {value}
            </td>
          ) : (
            <td key={column} className="px-3 text-muted-foreground/60">
              —
            </td>
          );
        })}
        <td className="px-3 text-right">
          <button
            type="button"
            className="rounded-control px-2 py-1 text-sm font-medium text-primary hover:bg-muted"
            aria-label={t("grid.openParticipant", { name })}
            onClick={() => onOpen(row.id)}
          >
            {t("grid.open")}
          </button>
        </td>
      </tr>
    );
  },
  // A refetched page brings new objects for the same participants: compare the values, not the objects.
  (previous, next) =>
    previous.columns === next.columns &&
    previous.selected === next.selected &&
    previous.connected === next.connected &&
    previous.dateFormat === next.dateFormat &&
    previous.t === next.t &&
    previous.onSelect === next.onSelect &&
    previous.onOpen === next.onOpen &&
    sameRow(previous.row, next.row),
);

function sameRow(a: GridRow, b: GridRow): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.first_name === b.first_name &&
      a.last_name === b.last_name &&
      a.email === b.email &&
      a.company === b.company &&
      a.job_title === b.job_title &&
      a.registered_at === b.registered_at &&
      a.has_account === b.has_account)
  );
}
