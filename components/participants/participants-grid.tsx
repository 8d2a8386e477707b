"use client";

import {
  createColumnHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MessageDialog } from "@/components/messaging/message-dialog";
import { useSupabase } from "@/components/supabase-provider";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { gridPageSchema, type GridPage, type GridRow, type SavedView } from "@/lib/participants/grid-page";
import { definitionOf, gridQueryOf, type GridColumn, type GridState } from "@/lib/participants/grid-state";
import { useEventPresence } from "@/lib/realtime/use-event-presence";
import { PARTICIPANT_COLUMNS, type Audience } from "@/lib/schemas/participants-query";
import { ColumnChooser } from "./column-chooser";
import { FiltersBar } from "./filters-bar";
import { GridBodyRow } from "./grid-body-row";
import { GridActionsMenu } from "./grid-actions-menu";
import { Pagination } from "./pagination";
import { ParticipantWindow } from "./participant-window";
import { useGridUrlState, useParticipantWindowParams, useUrlSearch } from "./use-grid-url";
import { ViewsBar } from "./views-bar";

export interface GridEvent {
  id: string;
  slug: string;
  name: string;
}

const features = tableFeatures({ rowSortingFeature, rowSelectionFeature });
const columnHelper = createColumnHelper<typeof features, GridRow>();

const SEARCH_DEBOUNCE_MS = 250;

/**
 * Column widths (rem). The table lays out with these (`table-layout: fixed`) instead of measuring every cell of the page:
 * the default columns fit 1280 px with the sidebar; the table scrolls sideways below its columns' sum. Longer values are
 * cut with an ellipsis (in full in their tooltip and in the participant window).
 */
const COLUMN_REM: Record<GridColumn | "select" | "open", number> = {
  select: 2.5,
  first_name: 6.5,
  last_name: 8,
  email: 13,
  company: 8,
  job_title: 8,
  registered_at: 10.5,
  connected: 9,
  open: 5,
};

/** The participants grid: server-side paging, sorting, filtering and search; state in the URL; live presence. */
export function ParticipantsGrid({
  event,
  initialState,
  initialPage,
  initialViews,
  serverSearch,
}: {
  event: GridEvent;
  /** The query string the server rendered with (the URL while hydrating). */
  serverSearch: string;
  /** The state the server read the first page for (its URL, or the defaults when that URL was unusable). */
  initialState: GridState;
  initialPage: GridPage;
  initialViews: SavedView[];
}) {
  const { t, i18n } = useTranslation("participants");
  const supabase = useSupabase();
  const urlParams = useUrlSearch(serverSearch);
  const [state, setState] = useGridUrlState(urlParams);
  const [windowParams, openWindow] = useParticipantWindowParams(urlParams);
  const presence = useEventPresence(event.id);
  const connectedList = useMemo(() => [...presence.connectedIds].sort(), [presence.connectedIds]);
  const [views, setViews] = useState(initialViews);

  // ---- Data: participants_grid as the signed-in organizer; the previous rows stay while the next ones load.
  const query = useMemo(() => gridQueryOf(state, connectedList), [state, connectedList]);
  const queryKey = JSON.stringify(query);
  const [loaded, setLoaded] = useState({ key: JSON.stringify(gridQueryOf(initialState, [])), page: initialPage });
  const [failedKey, setFailedKey] = useState<string | null>(null);
  const [retries, setRetries] = useState(0);
  const loadedKey = loaded.key;
  useEffect(() => {
    if (loadedKey === queryKey) return;
    let cancelled = false;
    void supabase.rpc("participants_grid", { target_event_id: event.id, query: JSON.parse(queryKey) }).then(({ data, error }) => {
      if (cancelled) return;
      const page = error ? null : gridPageSchema.safeParse(data);
      if (!page?.success) {
        setFailedKey(queryKey);
        return;
      }
      setFailedKey(null);
      setLoaded({ key: queryKey, page: page.data });
    });
    return () => {
      cancelled = true;
    };
  }, [supabase, event.id, queryKey, loadedKey, retries]);
  const loading = loaded.key !== queryKey && failedKey !== queryKey;
  const failed = failedKey === queryKey;
  const { rows, total } = loaded.page;

  // ---- Search box: typed text goes to the URL after a pause (and back, when a view or Back changes the search).
  const [searchText, setSearchText] = useState(state.search);
  const [syncedSearch, setSyncedSearch] = useState(state.search);
  if (state.search !== syncedSearch) {
    setSyncedSearch(state.search);
    setSearchText(state.search);
  }
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  useEffect(() => {
    if (searchText === stateRef.current.search) return;
    const timer = setTimeout(() => setState({ ...stateRef.current, search: searchText, page: 1 }, { replace: true }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText, setState]);

  // ---- Selection: ids across pages, or "all matching" (then the selection is the grid's definition).
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const definitionKey = JSON.stringify(definitionOf(state));
  const [selectionDefinitionKey, setSelectionDefinitionKey] = useState(definitionKey);
  if (definitionKey !== selectionDefinitionKey) {
    setSelectionDefinitionKey(definitionKey);
    setAllMatching(false);
  }
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const selectedCount = allMatching ? total : selectedIds.length;
  const clearSelection = () => {
    setAllMatching(false);
    setRowSelection({});
  };

  // ---- Message pop-in: the audience is copied when it opens (and the pop-in keeps its own copy).
  const [dialog, setDialog] = useState<{ open: boolean; audience: Audience }>({
    open: false,
    audience: { kind: "selection", participantIds: [] },
  });
  const actionsTrigger = useRef<HTMLButtonElement>(null);
  const searchField = useRef<HTMLInputElement>(null);
  const viewAudience = (): Audience => ({
    kind: "view",
    ...definitionOf(state),
    ...(state.connected ? { connectedIds: connectedList } : {}),
  });
  const openMessage = (kind: "selection" | "view") => {
    const audience: Audience =
      kind === "view" || allMatching ? viewAudience() : { kind: "selection", participantIds: selectedIds };
    setDialog({ open: true, audience });
  };

  // ---- The table (TanStack Table, manual sorting: the server sorts).
  const locale = i18n.language;
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }), [locale]);
  const sorting: SortingState = [{ id: state.sort.column, desc: state.sort.direction === "desc" }];
  // The visible columns as one stable array (the URL state is parsed anew at each change; the rows compare it).
  const [visibleColumns, setVisibleColumns] = useState(state.columns);
  if (visibleColumns.join(",") !== state.columns.join(",")) setVisibleColumns(state.columns);
  const showsConnected = visibleColumns.includes("connected");

  // TanStack Table drives the header, the sorting and the selection; the body renders memoized rows (GridBodyRow).
  const columns = useMemo(() => {
    const select = columnHelper.display({
      id: "select",
      header: ({ table }) => (
        <input
          type="checkbox"
          className="size-4 accent-primary"
          aria-label={t("selection.selectPage")}
          checked={allMatching || table.getIsAllPageRowsSelected()}
          ref={(input) => {
            if (input) input.indeterminate = !allMatching && table.getIsSomePageRowsSelected();
          }}
          onChange={(changeEvent) => {
            if (allMatching) {
              setAllMatching(false);
              setRowSelection({});
              return;
            }
            table.toggleAllPageRowsSelected(changeEvent.target.checked);
          }}
        />
      ),
    });
    // Accessors return `unknown` (TanStack's CellData): the server sorts, the rows render the values.
    const makeColumn = (column: GridColumn) =>
      column === "connected"
        ? columnHelper.display({ id: "connected", header: t("columns.connected"), enableSorting: false })
        : columnHelper.accessor((row): unknown => row[column], { id: column, header: t(`columns.${column}`) });
    const open = columnHelper.display({
      id: "open",
      header: () => <span className="sr-only">{t("grid.open")}</span>,
    });
    return [select, ...visibleColumns.map(makeColumn), open];
  }, [t, allMatching, visibleColumns]);

  // Row callbacks stay the same function across renders (the memoized rows compare them), reading the latest state.
  const selectionRef = useRef({ allMatching, rows });
  useEffect(() => {
    selectionRef.current = { allMatching, rows };
  });
  const selectRow = useCallback((row: GridRow, selected: boolean) => {
    const { allMatching: all, rows: pageRows } = selectionRef.current;
    if (all) {
      // Leaving "all matching": keep this page selected except the row just unticked.
      setAllMatching(false);
      setRowSelection(Object.fromEntries(pageRows.filter((r) => r.id !== row.id).map((r) => [r.id, true])));
      return;
    }
    setRowSelection((previous) => {
      const next = { ...previous };
      if (selected) next[row.id] = true;
      else delete next[row.id];
      return next;
    });
  }, []);

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting, rowSelection },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (!first) return;
      const column = PARTICIPANT_COLUMNS.find((candidate) => candidate === first.id);
      if (!column) return;
      setState({ ...state, sort: { column, direction: first.desc ? "desc" : "asc" }, page: 1 });
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      setRowSelection((previous) => {
        const next = typeof updater === "function" ? updater(previous) : updater;
        return Object.fromEntries(Object.entries(next).filter(([, selected]) => selected));
      });
    },
  });

  const pageCount = Math.max(1, Math.ceil(total / state.pageSize));
  const hasCriteria = state.search.trim() !== "" || state.filters.length > 0 || state.connected !== null;
  const allPageSelected = rows.length > 0 && rows.every((row) => rowSelection[row.id]);

  return (
    <div className="space-y-3">
      <ViewsBar
        eventId={event.id}
        state={state}
        views={views}
        onViewsChange={setViews}
        onStateChange={(next) => setState(next)}
      />

      <div className="flex flex-wrap items-center gap-2">
        <GridActionsMenu
          triggerRef={actionsTrigger}
          selectionCount={selectedCount}
          onMessageSelection={() => openMessage("selection")}
          onMessageView={() => openMessage("view")}
        />
        <div className="relative min-w-56 flex-1 sm:max-w-80">
          <label htmlFor="participants-search" className="sr-only">
            {t("grid.search")}
          </label>
          <Input
            ref={searchField}
            id="participants-search"
            type="search"
            className="h-9"
            placeholder={t("grid.searchPlaceholder")}
            value={searchText}
            maxLength={200}
            onChange={(changeEvent) => setSearchText(changeEvent.target.value)}
          />
        </div>
        <FiltersBar state={state} onStateChange={(next) => setState(next)} />
        <div className="ml-auto">
          <ColumnChooser columns={state.columns} onChange={(next) => setState({ ...state, columns: next })} />
        </div>
      </div>

      <div className="flex min-h-9 flex-wrap items-center gap-x-3 gap-y-1 rounded-control bg-muted/60 px-3 py-1.5 text-sm" aria-live="polite">
        <span className="font-medium" data-testid="selection-count">
          {selectedCount === 0 ? t("selection.none") : t("selection.count", { count: selectedCount })}
        </span>
        {allMatching ? (
          <span className="text-muted-foreground">{t("selection.allMatchingSelected", { count: total })}</span>
        ) : allPageSelected && total > rows.length ? (
          <button type="button" className="font-medium text-primary hover:underline" onClick={() => setAllMatching(true)}>
            {t("selection.selectAllMatching", { count: total })}
          </button>
        ) : null}
        {selectedCount > 0 ? (
          <button type="button" className="font-medium text-primary hover:underline" onClick={clearSelection}>
            {t("selection.clear")}
          </button>
        ) : null}
      </div>

      <div className="relative overflow-hidden rounded-card border border-border bg-surface shadow-card">
        <div
          aria-hidden
          className={cn(
            "absolute inset-x-0 top-0 h-0.5 origin-left bg-primary transition-opacity duration-200",
            loading ? "animate-pulse opacity-100" : "opacity-0",
          )}
        />
        <div className="overflow-x-auto">
          <table
            className="w-full table-fixed border-collapse text-sm"
            style={{ minWidth: `${["select" as const, ...visibleColumns, "open" as const].reduce((sum, column) => sum + COLUMN_REM[column], 0)}rem` }}
            aria-label={t("grid.label")}
            aria-busy={loading}
            data-testid="participants-table"
          >
            <colgroup>
              <col style={{ width: `${COLUMN_REM.select}rem` }} />
              {visibleColumns.map((column) => (
                <col key={column} style={{ width: `${COLUMN_REM[column]}rem` }} />
              ))}
              <col style={{ width: `${COLUMN_REM.open}rem` }} />
            </colgroup>
            <thead className="border-b border-border bg-muted/50 text-left">
              {table.getHeaderGroups().map((headerGroup) => (
                <tr key={headerGroup.id}>
                  {headerGroup.headers.map((header) => {
                    const sortable = header.column.getCanSort() && header.column.id !== "select" && header.column.id !== "open";
                    const sorted = sortable ? header.column.getIsSorted() : false;
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                        className={cn("h-10 px-3 py-1.5 leading-tight font-medium text-muted-foreground", header.column.id === "select" && "pr-0")}
                      >
                        {sortable ? (
                          <button
                            type="button"
                            className="-mx-1 inline-flex items-center gap-1 rounded px-1 text-left hover:text-foreground"
                            onClick={header.column.getToggleSortingHandler()}
                          >
                            <table.FlexRender header={header} />
                            <span aria-hidden className={cn("text-xs", !sorted && "opacity-0")}>
                              {sorted === "desc" ? "▼" : "▲"}
                            </span>
                          </button>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className={cn("divide-y divide-border transition-opacity", loading && "opacity-60")}>
              {rows.map((row) => (
                <GridBodyRow
                  key={row.id}
                  row={row}
                  columns={visibleColumns}
                  selected={allMatching || rowSelection[row.id] === true}
                  connected={showsConnected && presence.connectedIds.has(row.id)}
                  dateFormat={dateFormat}
                  t={t}
                  onSelect={selectRow}
                  onOpen={openWindow}
                />
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 && !loading ? (
          <div className="flex flex-col items-center px-6 py-14 text-center" data-testid="grid-empty">
            {failed ? (
              <>
                <p className="font-medium">{t("grid.loadError")}</p>
                <Button variant="secondary" size="sm" className="mt-3" onClick={() => setRetries((n) => n + 1)}>
                  {t("grid.retry")}
                </Button>
              </>
            ) : (
              <>
                <p className="font-medium">{hasCriteria ? t("grid.emptyTitle") : t("grid.emptyEventTitle")}</p>
                <p className="mt-1 max-w-sm text-sm text-muted-foreground">{hasCriteria ? t("grid.emptyHint") : t("grid.emptyEventHint")}</p>
                {hasCriteria ? (
                  <Button
                    variant="secondary"
                    size="sm"
                    className="mt-4"
                    onClick={() => setState({ ...state, search: "", filters: [], connected: null, page: 1 })}
                  >
                    {t("grid.clearSearchAndFilters")}
                  </Button>
                ) : null}
              </>
            )}
          </div>
        ) : null}
        {failed && rows.length > 0 ? (
          <div role="alert" className="flex items-center justify-between gap-3 border-t border-border bg-danger-soft px-3 py-2 text-sm text-danger">
            {t("grid.loadError")}
            <Button variant="secondary" size="sm" onClick={() => setRetries((n) => n + 1)}>
              {t("grid.retry")}
            </Button>
          </div>
        ) : null}
        <Pagination
          page={state.page}
          pageCount={pageCount}
          pageSize={state.pageSize}
          total={total}
          rowCount={rows.length}
          loading={loading}
          onPage={(page) => setState({ ...state, page })}
          onPageSize={(pageSize) => setState({ ...state, pageSize, page: 1 })}
        />
      </div>

      <MessageDialog
        eventId={event.id}
        audience={dialog.audience}
        open={dialog.open}
        onOpenChange={(open) => setDialog((previous) => ({ ...previous, open }))}
        returnFocus={actionsTrigger}
      />
      <ParticipantWindow
        eventId={event.id}
        participantId={windowParams.participantId}
        tab={windowParams.tab}
        connected={windowParams.participantId ? presence.connectedIds.has(windowParams.participantId) : false}
        onNavigate={openWindow}
        onEdited={() => setLoaded((previous) => ({ ...previous, key: "" }))}
        returnFocus={searchField}
      />
    </div>
  );
}

