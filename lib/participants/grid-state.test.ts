import { describe, expect, it } from "vitest";
import {
  DEFAULT_GRID_STATE,
  decodeFilter,
  gridQueryOf,
  isModified,
  parseGridState,
  serializeGridState,
  stateOfView,
  viewDefinitionOf,
  type GridState,
} from "./grid-state";

const VIEW_ID = "6f1c2a5e-3b4d-4c8e-9f10-112233445566";
const ONE = "0d7a3c1e-1111-4aaa-8bbb-000000000001";
const TWO = "0d7a3c1e-1111-4aaa-8bbb-000000000002";

const roundTrip = (state: GridState) => parseGridState(new URLSearchParams(serializeGridState(state).toString()));

describe("grid URL state", () => {
  it("the plain URL is the default grid, and the default grid is the plain URL", () => {
    expect(parseGridState(new URLSearchParams())).toEqual(DEFAULT_GRID_STATE);
    expect(serializeGridState(DEFAULT_GRID_STATE).toString()).toBe("");
  });

  it("round-trips every part of the state", () => {
    const state: GridState = {
      search: "ana b",
      filters: [
        { column: "company", operator: "contains", value: "north.wind & co" },
        { column: "job_title", operator: "is_empty" },
        { column: "registered_at", operator: "after", value: "2026-01-31" },
      ],
      connected: "active",
      sort: { column: "registered_at", direction: "desc" },
      page: 7,
      pageSize: 100,
      columns: ["email", "connected", "first_name"],
      viewId: VIEW_ID,
    };
    expect(roundTrip(state)).toEqual(state);
    expect(serializeGridState(state).get("sort")).toBe("registered_at.desc");
  });

  it("reads Next's searchParams object (repeated parameters as arrays)", () => {
    const state = parseGridState({ f: ["email.starts_with.ann", "company.is_not_empty"], page: "2", q: "x" });
    expect(state.filters).toEqual([
      { column: "email", operator: "starts_with", value: "ann" },
      { column: "company", operator: "is_not_empty" },
    ]);
    expect(state.page).toBe(2);
    expect(state.search).toBe("x");
  });

  it("falls back to defaults, part by part, for anything invalid", () => {
    const state = parseGridState(
      new URLSearchParams(
        "page=-3&size=7&sort=password.asc&connected=maybe&view=nope&cols=secret,,email&f=password.equals.x" +
          "&f=registered_at.contains.2026&f=registered_at.is_empty&f=company.equals&f=registered_at.before.2026-02-30&f=first_name.equals.Ann",
      ),
    );
    expect(state).toEqual({
      ...DEFAULT_GRID_STATE,
      columns: ["email"],
      filters: [{ column: "first_name", operator: "equals", value: "Ann" }],
    });
    expect(parseGridState(new URLSearchParams("cols=,nothing")).columns).toEqual(DEFAULT_GRID_STATE.columns);
    expect(parseGridState(new URLSearchParams("page=abc&size=50.5")).page).toBe(1);
  });

  it("decodes a filter whose value contains dots", () => {
    expect(decodeFilter("email.equals.a.b@example.com")).toEqual({ column: "email", operator: "equals", value: "a.b@example.com" });
    expect(decodeFilter("email")).toBeNull();
  });
});

describe("grid query", () => {
  it("pages with offset and limit, and sends connected ids only with the connected filter", () => {
    const state: GridState = { ...DEFAULT_GRID_STATE, page: 3, pageSize: 25, search: "  ann " };
    expect(gridQueryOf(state, [ONE])).toEqual({
      search: "ann",
      filters: [],
      sort: { column: "last_name", direction: "asc" },
      offset: 50,
      limit: 25,
    });
    expect(gridQueryOf({ ...state, connected: "inactive" }, [TWO, ONE])).toMatchObject({
      connected: "inactive",
      connectedIds: [ONE, TWO],
    });
  });
});

describe("saved views", () => {
  it("a view reopens the state it saved, on its first page", () => {
    const state: GridState = {
      ...DEFAULT_GRID_STATE,
      search: "acme",
      connected: "active",
      filters: [{ column: "company", operator: "equals", value: "Acme" }],
      sort: { column: "email", direction: "desc" },
      columns: ["email", "connected"],
      pageSize: 200,
      page: 4,
      viewId: VIEW_ID,
    };
    const definition = JSON.parse(JSON.stringify(viewDefinitionOf(state))) as unknown;
    expect(stateOfView(VIEW_ID, definition)).toEqual({ ...state, page: 1 });
    expect(isModified(state, definition)).toBe(false);
    expect(isModified({ ...state, search: "acme corp" }, definition)).toBe(true);
    expect(isModified({ ...state, columns: ["connected", "email"] }, definition)).toBe(true);
  });

  it("an unreadable stored definition opens the default grid", () => {
    expect(stateOfView(VIEW_ID, { filters: "nope" })).toEqual({ ...DEFAULT_GRID_STATE, viewId: VIEW_ID });
  });
});
