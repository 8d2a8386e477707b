import { describe, expect, test } from "vitest";
import { BEGIN, END, merge, readStored, render, withSection, type Run, type Stored } from "./report.ts";
import type { BenchRow } from "./results.ts";

const ORDER = ["db", "realtime", "e2e"];
const BENCHES: [string, string][] = [["db", "database"], ["realtime", "realtime"], ["e2e", "browsers"]];

function run(bench: string, date: string, options = ""): Run {
  return { bench, date, machine: "CPU, 2 cores", loadBefore: [1, 1, 1], loadAfter: [2, 2, 2], seconds: 10, exitCode: 0, options };
}
const row = (id: string, result: string): BenchRow => ({ id, measure: id, result, method: "how" });
const empty: Stored = { runs: [], rows: [] };

describe("merging a run into the stored figures", () => {
  test("a subset run replaces its rows in place and keeps the others with their own run", () => {
    let stored = merge(empty, run("db", "2026-01-01T10:00:00Z"), [row("db.send", "1"), row("db.rls", "2")], ORDER);
    stored = merge(stored, run("realtime", "2026-01-01T11:00:00Z"), [row("realtime.latency", "3")], ORDER);
    stored = merge(stored, run("db", "2026-01-01T12:00:00Z"), [row("db.rls", "4"), row("db.grid", "5")], ORDER);

    expect(stored.rows.map((r) => [r.id, r.result, r.date])).toEqual([
      ["db.send", "1", "2026-01-01T10:00:00Z"],
      ["db.rls", "4", "2026-01-01T12:00:00Z"],
      ["db.grid", "5", "2026-01-01T12:00:00Z"],
      ["realtime.latency", "3", "2026-01-01T11:00:00Z"],
    ]);
    expect(stored.runs.map((r) => `${r.bench} ${r.date}`)).toEqual([
      "db 2026-01-01T10:00:00Z",
      "db 2026-01-01T12:00:00Z",
      "realtime 2026-01-01T11:00:00Z",
    ]);

    // Once every row of the first db run is replaced, that run leaves the table.
    stored = merge(stored, run("db", "2026-01-01T13:00:00Z"), [row("db.send", "6")], ORDER);
    expect(stored.runs.map((r) => `${r.bench} ${r.date}`)).toEqual([
      "db 2026-01-01T12:00:00Z",
      "db 2026-01-01T13:00:00Z",
      "realtime 2026-01-01T11:00:00Z",
    ]);
  });

  test("rows are grouped in bench order whatever order the runs came in", () => {
    let stored = merge(empty, run("e2e", "2026-01-01T10:00:00Z"), [row("e2e.send", "1")], ORDER);
    stored = merge(stored, run("db", "2026-01-01T11:00:00Z"), [row("db.send", "2")], ORDER);
    expect(stored.rows.map((r) => r.id)).toEqual(["db.send", "e2e.send"]);
  });
});

describe("the generated section", () => {
  const stored = merge(
    empty,
    run("db", "2026-01-01T10:00:00Z", "BENCH_PARTS=send -- x|y"),
    [{ ...row("db.send", "105 ms"), goal: "< 250 ms", met: true }, { ...row("db.rls", "1.7×"), goal: "≤ 1.5×", met: false }],
    ORDER,
  );

  test("renders the runs and one table with the goals, and reads back the figures it holds", () => {
    const section = render(stored, BENCHES);
    expect(section.startsWith(BEGIN) && section.endsWith(END)).toBe(true);
    expect(section).toContain("| db | db.send | 105 ms | < 250 ms | met | how | 2026-01-01 10:00 |");
    expect(section).toContain("| db | db.rls | 1.7× | ≤ 1.5× | **missed** | how | 2026-01-01 10:00 |");
    expect(section).toContain("BENCH_PARTS=send -- x\\|y");
    // An HTML comment may not contain "--": the stored options are escaped there, and read back intact.
    const start = section.indexOf("<!-- bench:data ") + "<!--".length;
    const comment = section.slice(start, section.indexOf(" -->", start));
    expect(comment).toContain("BENCH_PARTS=send -");
    expect(comment).not.toContain("--");
    expect(readStored(section)).toEqual(stored);
  });

  test("is inserted under the title the first time, then replaced, the rest of the document kept", () => {
    const doc = "# Benchmarks\n\n## History\n\nhand-written\n";
    const first = withSection(doc, render(stored, BENCHES));
    expect(first.startsWith(`# Benchmarks\n\n${BEGIN}`)).toBe(true);
    expect(first.endsWith("## History\n\nhand-written\n")).toBe(true);

    const updated = merge(readStored(first), run("realtime", "2026-01-02T10:00:00Z"), [row("realtime.latency", "7 ms")], ORDER);
    const second = withSection(first, render(updated, BENCHES));
    expect(second.split(BEGIN)).toHaveLength(2);
    expect(second).toContain("| realtime | realtime.latency | 7 ms |");
    expect(second).toContain("| db | db.send | 105 ms |");
    expect(second.endsWith("## History\n\nhand-written\n")).toBe(true);
    expect(readStored(withSection("# Benchmarks\n\nnothing generated\n", ""))).toEqual(empty);
  });
});
