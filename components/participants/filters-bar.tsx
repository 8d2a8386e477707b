"use client";

import { Popover } from "radix-ui";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Button, buttonClasses } from "@/components/ui/button";
import { isDate, type GridState } from "@/lib/participants/grid-state";
import {
  DATE_OPERATORS,
  PARTICIPANT_COLUMNS,
  TEXT_OPERATORS,
  operatorNeedsValue,
  type ConnectedFilter,
  type FilterOperator,
  type ParticipantColumn,
  type ParticipantFilter,
} from "@/lib/schemas/participants-query";

type FilterColumn = ParticipantColumn | "connected";
const FILTER_COLUMNS: readonly FilterColumn[] = [...PARTICIPANT_COLUMNS, "connected"];

// The registration date filters by date only (the database takes before/after for it).
const operatorsFor = (column: ParticipantColumn): readonly FilterOperator[] =>
  column === "registered_at" ? DATE_OPERATORS : TEXT_OPERATORS;

const selectClass = "h-9 w-full rounded-control border border-border bg-surface px-2 text-sm";

/** The active filters as removable chips, and "Add filter" (column, condition, value; the connected column: Active/Inactive). */
export function FiltersBar({ state, onStateChange }: { state: GridState; onStateChange(next: GridState): void }) {
  const { t } = useTranslation("participants");
  const [open, setOpen] = useState(false);
  const [column, setColumn] = useState<FilterColumn>("company");
  const [operator, setOperator] = useState<FilterOperator>("contains");
  const [value, setValue] = useState("");
  const [connected, setConnected] = useState<ConnectedFilter>("active");

  const describe = (filter: ParticipantFilter) =>
    `${t(`columns.${filter.column}`)} ${t(`filters.operators.${filter.operator}`)}${filter.value ? ` “${filter.value}”` : ""}`;

  const chooseColumn = (next: FilterColumn) => {
    setColumn(next);
    if (next !== "connected" && !operatorsFor(next).includes(operator)) setOperator(operatorsFor(next)[0]);
    setValue("");
  };

  const needsValue = column !== "connected" && operatorNeedsValue(operator);
  const valid = column === "connected" || !needsValue || (column === "registered_at" ? isDate(value) : value.trim() !== "");

  const apply = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    if (!valid) return;
    if (column === "connected") {
      onStateChange({ ...state, connected, page: 1 });
    } else {
      const filter: ParticipantFilter = needsValue ? { column, operator, value: value.trim() } : { column, operator };
      onStateChange({ ...state, filters: [...state.filters, filter].slice(0, 20), page: 1 });
    }
    setValue("");
    setOpen(false);
  };

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="filters">
      {state.filters.map((filter, index) => (
        <span key={`${index}-${filter.column}-${filter.operator}`} className="inline-flex h-7 items-center gap-1 rounded-full border border-border bg-surface pr-1 pl-2.5 text-xs">
          <span className="max-w-60 truncate">{describe(filter)}</span>
          <button
            type="button"
            className="grid size-5 place-items-center rounded-full text-muted-foreground hover:bg-muted hover:text-foreground"
            aria-label={t("filters.remove", { filter: describe(filter) })}
            onClick={() => onStateChange({ ...state, filters: state.filters.filter((_, i) => i !== index), page: 1 })}
          >
            ×
          </button>
        </span>
      ))}
      {state.connected ? (
        <span className="inline-flex h-7 items-center gap-1 rounded-full border border-border bg-surface pr-1 pl-2.5 text-xs">
          {t("columns.connected")} {t("filters.connectedIs")} {t(`connected.${state.connected}`)}
          <button
            type="button"
            className="grid size-5 place-items-center rounded-full text-muted-foreground hover:bg-muted hover:text-foreground"
            aria-label={t("filters.remove", {
              filter: `${t("columns.connected")} ${t("filters.connectedIs")} ${t(`connected.${state.connected}`)}`,
            })}
            onClick={() => onStateChange({ ...state, connected: null, page: 1 })}
          >
            ×
          </button>
        </span>
      ) : null}
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger className={buttonClasses({ variant: "secondary", size: "sm", className: "h-9" })}>+ {t("filters.add")}</Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            align="start"
            sideOffset={6}
            className="z-50 w-72 rounded-control border border-border bg-surface p-3 shadow-card"
            aria-label={t("filters.title")}
          >
            <form className="space-y-2.5" onSubmit={apply}>
              <div className="space-y-1">
                <label htmlFor="filter-column" className="text-xs font-medium text-muted-foreground">
                  {t("filters.column")}
                </label>
                <select id="filter-column" className={selectClass} value={column} onChange={(e) => chooseColumn(FILTER_COLUMNS.find((c) => c === e.target.value) ?? "company")}>
                  {FILTER_COLUMNS.map((option) => (
                    <option key={option} value={option}>
                      {t(`columns.${option}`)}
                    </option>
                  ))}
                </select>
              </div>
              {column === "connected" ? (
                <div className="space-y-1">
                  <label htmlFor="filter-connected" className="text-xs font-medium text-muted-foreground">
                    {t("filters.value")}
                  </label>
                  <select
                    id="filter-connected"
                    className={selectClass}
                    value={connected}
                    onChange={(e) => setConnected(e.target.value === "inactive" ? "inactive" : "active")}
                  >
                    <option value="active">{t("connected.active")}</option>
                    <option value="inactive">{t("connected.inactive")}</option>
                  </select>
                </div>
              ) : (
                <>
                  <div className="space-y-1">
                    <label htmlFor="filter-operator" className="text-xs font-medium text-muted-foreground">
                      {t("filters.operator")}
                    </label>
                    <select
                      id="filter-operator"
                      className={selectClass}
                      value={operator}
                      onChange={(e) => setOperator(operatorsFor(column).find((o) => o === e.target.value) ?? operatorsFor(column)[0])}
                    >
                      {operatorsFor(column).map((option) => (
                        <option key={option} value={option}>
                          {t(`filters.operators.${option}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  {needsValue ? (
                    <div className="space-y-1">
                      <label htmlFor="filter-value" className="text-xs font-medium text-muted-foreground">
                        {t("filters.value")}
                      </label>
                      <input
                        id="filter-value"
                        type={column === "registered_at" ? "date" : "text"}
                        className={selectClass}
                        value={value}
                        maxLength={200}
                        onChange={(e) => setValue(e.target.value)}
                      />
                    </div>
                  ) : null}
                </>
              )}
              <Button type="submit" size="sm" className="w-full" disabled={!valid}>
                {t("filters.apply")}
              </Button>
            </form>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      {state.filters.length > 0 || state.connected ? (
        <button
          type="button"
          className="text-sm font-medium text-muted-foreground hover:text-foreground"
          onClick={() => onStateChange({ ...state, filters: [], connected: null, page: 1 })}
        >
          {t("filters.clearAll")}
        </button>
      ) : null}
    </div>
  );
}
