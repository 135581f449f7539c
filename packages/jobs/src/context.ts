import type { Agenda, AgendaBackend } from "agenda";
import type { MongoClient } from "mongodb";
import type pg from "pg";
import type { ShutdownGuard } from "./shutdown-guard";
import type { JobsStore } from "./store";
import type { WakeUpChannel } from "./wake-up-channel";

/** What createJobs opened for one Agenda, and stopJobs closes. */
export interface JobsContext {
  store: JobsStore;
  /** The application database: wake-ups, and the jobs themselves when the store is PostgreSQL. */
  pool: pg.Pool;
  /** Separate from `pool` so that callers waiting for a per-service lock never starve the lock holder. */
  lockPool: pg.Pool;
  channel: WakeUpChannel;
  backend: AgendaBackend;
  mongoClient: MongoClient | undefined;
  guard: ShutdownGuard;
  cancelRetryWakeUps: () => void;
  /** From now on errors from connections still shutting down are not reported. */
  markClosed: () => void;
  stopping?: Promise<StopJobsResult>;
}

export interface StopJobsResult {
  /** True when jobs were still running at the drain deadline; their locks expire and another worker retries them. */
  timedOut: boolean;
  /** Jobs still running when the connections were closed. */
  running: number;
}

const contexts = new WeakMap<Agenda, JobsContext>();

export function rememberContext(agenda: Agenda, context: JobsContext): void {
  contexts.set(agenda, context);
}

export function contextOf(agenda: Agenda): JobsContext {
  const context = contexts.get(agenda);
  if (!context) throw new Error("This Agenda was not made by createJobs() from @askpro/jobs");
  return context;
}
