import { hostname } from "node:os";
import { type EntityManager, recordWorkerBeat, removeWorkerBeat } from "@askpro/db";
import { WORKER_HEARTBEAT_INTERVAL_MS } from "@askpro/domain";

/** How often a running worker records that it is alive; /readyz, the web app and `npm run verify` read the table. */
export const HEARTBEAT_INTERVAL_MS = WORKER_HEARTBEAT_INTERVAL_MS;

export interface Heartbeat {
  /** Stops beating and removes this worker's row: a clean stop is not a missing worker. */
  stop(): Promise<void>;
}

export interface HeartbeatOptions {
  /**
   * A fork of the worker's ORM. The beat shares the sync's pool: a sync holds a connection for one
   * statement at a time, never across its Cal.com call, so a beat waits at most for a statement.
   */
  em: EntityManager;
  workerId: string;
  /** Where this worker serves its metrics, recorded with each beat (`npm run verify` lists it). */
  metricsUrl?: string | undefined;
  intervalMs?: number;
  onError: (error: Error) => void;
}

const UNDEFINED_TABLE = "42P01";

/** Writes the first beat before returning, then one every intervalMs. */
export async function startHeartbeat(options: HeartbeatOptions): Promise<Heartbeat> {
  const { em, workerId } = options;
  const beat = { workerId, startedAt: new Date(), hostname: hostname(), pid: process.pid, metricsUrl: options.metricsUrl };
  try {
    await recordWorkerBeat(em, beat);
  } catch (error) {
    if ((error as { code?: string }).code === UNDEFINED_TABLE) {
      throw new Error("The database has no worker_heartbeats table: apply the migrations first (npm run db:migrate)", { cause: error });
    }
    throw error;
  }

  let inFlight: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = recordWorkerBeat(em, beat).catch(options.onError);
  }, options.intervalMs ?? HEARTBEAT_INTERVAL_MS);

  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      await removeWorkerBeat(em, workerId);
    },
  };
}
