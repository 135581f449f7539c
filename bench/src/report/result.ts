import type { BenchDatabase } from "../lab/postgres";

/** A target as the issue states it: the figure must be at most / at least `value`. */
export interface Target {
  op: "<=" | ">=";
  value: number;
}

export interface Figure {
  label: string;
  value: number;
  unit: string;
  /** The same measure on the benchmark's baseline, measured in the same run. */
  baseline?: number | undefined;
  target?: Target | undefined;
}

export interface BenchResult {
  id: string;
  title: string;
  /** What was measured and how, one line each. */
  method: string[];
  /** What the baseline is. */
  baseline: string;
  figures: Figure[];
  /** Findings: bottlenecks with the profile that showed them, and what would move them. */
  notes: string[];
  /** Markdown appended after the notes (profile tables, query plans). */
  appendix?: string[];
  durationMs: number;
}

export function meets(figure: Figure): boolean | undefined {
  if (!figure.target || !Number.isFinite(figure.value)) return figure.target ? false : undefined;
  return figure.target.op === "<=" ? figure.value <= figure.target.value : figure.value >= figure.target.value;
}

/** Everything a benchmark gets from the runner. */
export interface BenchContext {
  db: BenchDatabase;
  /** A scratch directory of the run (profiles, builds); removed at the end. */
  workDir: string;
  /** Progress lines on stderr. */
  log(line: string): void;
  /** Sizes scaled down for a quick check of the harness (--quick). */
  quick: boolean;
  /** Capture CPU profiles even when every target is met (--profile). */
  profile: boolean;
}

export interface Bench {
  id: string;
  title: string;
  run(context: BenchContext): Promise<BenchResult>;
}
