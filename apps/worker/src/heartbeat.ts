import { hostname } from "node:os";
import { WORKER_HEARTBEAT_INTERVAL_MS } from "@askpro/domain";
import pg from "pg";

/** How often a running worker records that it is alive; /readyz, the web app and `npm run verify` read the table. */
export const HEARTBEAT_INTERVAL_MS = WORKER_HEARTBEAT_INTERVAL_MS;

export interface Heartbeat {
  /** Stops beating and removes this worker's row: a clean stop is not a missing worker. */
  stop(): Promise<void>;
}

export interface HeartbeatOptions {
  databaseUrl: string;
  workerId: string;
  intervalMs?: number;
  onError: (error: Error) => void;
}

// Plain SQL: the beat must not depend on the ORM. The table comes from the db migrations.
const BEAT = `INSERT INTO worker_heartbeats (worker_id, beat_at, started_at, hostname, pid)
VALUES ($1, now(), $2, $3, $4)
ON CONFLICT (worker_id) DO UPDATE
SET beat_at = now(), started_at = EXCLUDED.started_at, hostname = EXCLUDED.hostname, pid = EXCLUDED.pid`;

const UNDEFINED_TABLE = "42P01";

/** Writes the first beat before returning, then one every intervalMs. */
export async function startHeartbeat(options: HeartbeatOptions): Promise<Heartbeat> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1, application_name: "askpro-worker-heartbeat" });
  pool.on("error", options.onError);
  const startedAt = new Date();
  const beat = () => pool.query(BEAT, [options.workerId, startedAt, hostname(), process.pid]);
  try {
    await beat();
  } catch (error) {
    await pool.end();
    if ((error as { code?: string }).code === UNDEFINED_TABLE) {
      throw new Error("The database has no worker_heartbeats table: apply the migrations first (npm run db:migrate)", { cause: error });
    }
    throw error;
  }

  let inFlight: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    inFlight = beat().catch(options.onError);
  }, options.intervalMs ?? HEARTBEAT_INTERVAL_MS);

  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      try {
        await pool.query("DELETE FROM worker_heartbeats WHERE worker_id = $1", [options.workerId]);
      } finally {
        await pool.end();
      }
    },
  };
}
