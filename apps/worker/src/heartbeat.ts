import { hostname } from "node:os";
import pg from "pg";

/** How often a running worker records that it is alive; `npm run verify` reads the table. */
export const HEARTBEAT_INTERVAL_MS = 10_000;

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

// Plain SQL on purpose: independent of the ORM, and due to move into a migration.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS worker_heartbeats (
  worker_id text PRIMARY KEY,
  beat_at timestamptz NOT NULL,
  started_at timestamptz NOT NULL,
  hostname text NOT NULL,
  pid integer NOT NULL
)`;

const BEAT = `INSERT INTO worker_heartbeats (worker_id, beat_at, started_at, hostname, pid)
VALUES ($1, now(), $2, $3, $4)
ON CONFLICT (worker_id) DO UPDATE
SET beat_at = now(), started_at = EXCLUDED.started_at, hostname = EXCLUDED.hostname, pid = EXCLUDED.pid`;

/** Two workers starting at once on a fresh database both try to create the table. */
const ALREADY_CREATED = new Set(["42P07", "23505"]);

/** Writes the first beat before returning, then one every intervalMs. */
export async function startHeartbeat(options: HeartbeatOptions): Promise<Heartbeat> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1, application_name: "askpro-worker-heartbeat" });
  pool.on("error", options.onError);
  const startedAt = new Date();
  const beat = () => pool.query(BEAT, [options.workerId, startedAt, hostname(), process.pid]);
  try {
    await pool.query(CREATE_TABLE).catch((error: { code?: string }) => {
      if (!ALREADY_CREATED.has(error.code ?? "")) throw error;
    });
    await beat();
  } catch (error) {
    await pool.end();
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
