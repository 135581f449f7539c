import type { TestContext } from "vitest";

/** What one fault test did to the system and what became of the syncs it asked for. */
export interface FaultFigures {
  scenario: string;
  /** Faults injected (each SIGKILL, each outage). */
  injected: number;
  /** Faults the system came through: all of them once every assertion passed, else none. */
  survived: number;
  /** Syncs asked for, counting one that could not be queued. */
  syncsRequested: number;
  /**
   * Syncs not seen to end: neither `synced` nor `error` with a reason the admin was shown. Each request
   * counts as lost until the test has seen its end, so a test that fails midway reports what it could not prove.
   */
  syncsLost: number;
  /** Further counts worth reporting, e.g. PATCHes against attempts. */
  details: Record<string, number | string>;
}

declare module "vitest" {
  interface TaskMeta {
    fault?: FaultFigures;
  }
}

/**
 * Records a test's figures on its task, where the summary reporter reads them. Called before the
 * assertions with survived = 0, and again at the very end: a failed test keeps survived = 0.
 */
/** A sync was asked for: lost until the test sees it end (see FaultFigures.syncsLost). */
export function syncRequested(figures: FaultFigures): void {
  figures.syncsRequested++;
  figures.syncsLost++;
}

export function recordFigures(task: TestContext["task"], figures: FaultFigures): void {
  task.meta.fault = figures;
}
