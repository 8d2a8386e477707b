import { z } from "zod";
import {
  PARTICIPANT_COLUMNS,
  connectedFilterSchema,
  participantFilterSchema,
  sortSchema,
  type ConnectedFilter,
  type GridQuery,
  type GridSort,
  type ParticipantColumn,
  type ParticipantFilter,
  type ViewDefinition,
} from "@/lib/schemas/participants-query";

// The participants grid's whole state, as it lives in the URL (so a shared or reloaded URL shows the same grid) and as
// a saved view stores it. Unknown or invalid parameters fall back to their defaults, one by one: a hand-edited URL never
// breaks the page.

/** Columns the organizer can show or hide: the data columns plus "Is currently connected". */
export const GRID_COLUMNS = [...PARTICIPANT_COLUMNS, "connected"] as const;
export type GridColumn = (typeof GRID_COLUMNS)[number];

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;
const pageSizeSchema = z.literal(PAGE_SIZES);
export const DEFAULT_COLUMNS: readonly GridColumn[] = ["first_name", "last_name", "email", "company", "job_title", "registered_at"];
export const DEFAULT_SORT: GridSort = { column: "last_name", direction: "asc" };

export interface GridState {
  search: string;
  filters: ParticipantFilter[];
  connected: ConnectedFilter | null;
  sort: GridSort;
  /** 1-based. */
  page: number;
  pageSize: PageSize;
  /** Visible columns, in display order. */
  columns: GridColumn[];
  viewId: string | null;
}

export const DEFAULT_GRID_STATE: GridState = {
  search: "",
  filters: [],
  connected: null,
  sort: DEFAULT_SORT,
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  columns: [...DEFAULT_COLUMNS],
  viewId: null,
};

/** URL parameter names. `participant` and `tab` (the participant window) are not grid state and pass through. */
export const PARAM = {
  search: "q",
  filter: "f",
  connected: "connected",
  sort: "sort",
  page: "page",
  pageSize: "size",
  columns: "cols",
  view: "view",
} as const;

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(source: ParamSource, name: string): string[] {
  if (source instanceof URLSearchParams) return source.getAll(name);
  const value = source[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
const getFirst = (source: ParamSource, name: string) => getAll(source, name)[0];

/** A filter as `column.operator` or `column.operator.value` (the value may contain dots). */
export function encodeFilter(filter: ParticipantFilter): string {
  return filter.value === undefined || filter.value === "" ? `${filter.column}.${filter.operator}` : `${filter.column}.${filter.operator}.${filter.value}`;
}

export function decodeFilter(text: string): ParticipantFilter | null {
  const [column, operator, ...rest] = text.split(".");
  const value = rest.length > 0 ? rest.join(".") : undefined;
  const parsed = participantFilterSchema.safeParse({ column, operator, ...(value === undefined ? {} : { value }) });
  if (!parsed.success) return null;
  // The database filters the registration date with before/after and a real date only.
  if (parsed.data.column === "registered_at" && !isDate(parsed.data.value ?? "")) return null;
  return parsed.data;
}

/** A real calendar date as YYYY-MM-DD (what the database's registered_at filters take). */
export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const positiveInt = z.coerce.number().int().min(1).max(1_000_000);
const viewIdSchema = z.uuid();

export function parseGridState(source: ParamSource): GridState {
  const search = (getFirst(source, PARAM.search) ?? "").slice(0, 200);
  const filters = getAll(source, PARAM.filter)
    .map(decodeFilter)
    .filter((filter): filter is ParticipantFilter => filter !== null)
    .slice(0, 20);
  const connected = connectedFilterSchema.safeParse(getFirst(source, PARAM.connected));
  const [sortColumn, sortDirection] = (getFirst(source, PARAM.sort) ?? "").split(".");
  const sort = sortSchema.safeParse({ column: sortColumn, direction: sortDirection });
  const page = positiveInt.safeParse(getFirst(source, PARAM.page));
  const pageSize = z.coerce.number().pipe(pageSizeSchema).safeParse(getFirst(source, PARAM.pageSize));
  const columnsParam = getFirst(source, PARAM.columns);
  const columns =
    columnsParam === undefined
      ? [...DEFAULT_COLUMNS]
      : [...new Set(columnsParam.split(","))].filter((column): column is GridColumn => (GRID_COLUMNS as readonly string[]).includes(column));
  const view = viewIdSchema.safeParse(getFirst(source, PARAM.view));
  return {
    search,
    filters,
    connected: connected.success ? connected.data : null,
    sort: sort.success ? sort.data : DEFAULT_SORT,
    page: page.success ? page.data : 1,
    pageSize: pageSize.success ? pageSize.data : DEFAULT_PAGE_SIZE,
    columns: columns.length === 0 ? [...DEFAULT_COLUMNS] : columns,
    viewId: view.success ? view.data : null,
  };
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((column, i) => column === b[i]);

/** The URL parameters of a state; defaults are left out, so the plain page URL is the default grid. */
export function serializeGridState(state: GridState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.viewId) params.set(PARAM.view, state.viewId);
  if (state.search.trim() !== "") params.set(PARAM.search, state.search);
  for (const filter of state.filters) params.append(PARAM.filter, encodeFilter(filter));
  if (state.connected) params.set(PARAM.connected, state.connected);
  if (state.sort.column !== DEFAULT_SORT.column || state.sort.direction !== DEFAULT_SORT.direction) {
    params.set(PARAM.sort, `${state.sort.column}.${state.sort.direction}`);
  }
  if (state.page !== 1) params.set(PARAM.page, String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set(PARAM.pageSize, String(state.pageSize));
  if (!sameColumns(state.columns, DEFAULT_COLUMNS)) params.set(PARAM.columns, state.columns.join(","));
  return params;
}

/** The grid's definition (what it shows, without paging): what "Message all in view" and "Select all" designate. */
export function definitionOf(state: GridState): ViewDefinition {
  return {
    ...(state.search.trim() !== "" ? { search: state.search.trim() } : {}),
    filters: state.filters,
    ...(state.connected ? { connected: state.connected } : {}),
  };
}

/** The participants_grid query of a state; connectedIds only when the connected filter is on. */
export function gridQueryOf(state: GridState, connectedIds: readonly string[]): GridQuery {
  return {
    ...definitionOf(state),
    ...(state.connected ? { connectedIds: [...connectedIds].sort() } : {}),
    sort: state.sort,
    offset: (state.page - 1) * state.pageSize,
    limit: state.pageSize,
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// Saved views

/** What a saved view stores (participant_views.definition). */
export const savedViewDefinitionSchema = z.object({
  search: z.string().max(200).optional(),
  filters: z.array(participantFilterSchema).max(20).default([]),
  connected: connectedFilterSchema.optional(),
  sort: sortSchema.optional(),
  columns: z.array(z.enum(GRID_COLUMNS)).max(GRID_COLUMNS.length).optional(),
  pageSize: pageSizeSchema.optional(),
});
export type SavedViewDefinition = z.infer<typeof savedViewDefinitionSchema>;

export function viewDefinitionOf(state: GridState): SavedViewDefinition {
  return { ...definitionOf(state), sort: state.sort, columns: state.columns, pageSize: state.pageSize };
}

/** The grid state a view opens on (first page); an unreadable stored definition opens the default grid. */
export function stateOfView(viewId: string, definition: unknown): GridState {
  const parsed = savedViewDefinitionSchema.safeParse(definition);
  const view = parsed.success ? parsed.data : { filters: [] };
  return {
    ...DEFAULT_GRID_STATE,
    viewId,
    search: view.search ?? "",
    filters: view.filters,
    connected: view.connected ?? null,
    sort: view.sort ?? DEFAULT_SORT,
    columns: view.columns ? [...view.columns] : [...DEFAULT_COLUMNS],
    pageSize: view.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}

/** Whether the grid differs from the view it was opened from (paging aside): the "modified" mark. */
export function isModified(state: GridState, definition: unknown): boolean {
  if (!state.viewId) return false;
  const saved = stateOfView(state.viewId, definition);
  const key = (s: GridState) => JSON.stringify(viewDefinitionOf(s));
  return key({ ...state, page: 1 }) !== key(saved);
}

export type { ParticipantColumn };
