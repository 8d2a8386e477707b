// The figures a benchmark hands to `npm run bench` (bench/run.ts), which writes them into docs/benchmarks.md. A bench
// calls `record()` once per table row; rows go as JSON lines to the file named by BENCH_RESULT_FILE (set by run.ts),
// so a bench run on its own (`node bench/db.ts`) only prints. Synchronous appends: Playwright workers may record too.
import { appendFileSync } from "node:fs";

export interface BenchRow {
  /** Stable key: a later run replaces the row with the same id (e.g. "db.send.10000"). */
  id: string;
  /** What is measured, with its size ("SEND NOW to 10,000 participants, median of 3"). */
  measure: string;
  /** The figure(s) ("105 ms", "p50 1.8 / p95 6.9 ms"). */
  result: string;
  /** The goal from the issue, when it gives one ("< 250 ms"). */
  goal?: string;
  /** Whether the goal is met; absent when there is no goal or it does not apply at this size. */
  met?: boolean;
  /** How it is measured, in one line. */
  method: string;
}

export function record(row: BenchRow): void {
  const file = process.env.BENCH_RESULT_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

export const formatMs = (value: number) => `${value.toLocaleString("en", { maximumFractionDigits: value < 100 ? 1 : 0 })} ms`;
