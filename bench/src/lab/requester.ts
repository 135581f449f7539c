import { createOrm, type Orm } from "@askpro/db";
import { createJobs, type Jobs } from "@askpro/jobs";
import { requestSync } from "@askpro/sync";
import { pino } from "pino";
import { inParallel, withClient } from "./catalogue-db";
import { nowMs, sleep } from "./time";

/**
 * Requests syncs the way the api's service.sync does (requestSync: one conditional UPDATE, the
 * attempt row, one job), from this process, for benchmarks where the HTTP layer is not the subject.
 */
export class SyncRequester {
  private constructor(
    private readonly orm: Orm,
    private readonly agenda: Jobs,
  ) {}

  static async open(databaseUrl: string): Promise<SyncRequester> {
    const orm = await createOrm(databaseUrl, { pool: { max: 10 } });
    const agenda = await createJobs({ databaseUrl, name: "bench-requester" });
    return new SyncRequester(orm, agenda);
  }

  /** Requests a sync of every id, `concurrency` at a time; fails unless each was queued. Returns when each request returned. */
  async requestAll(ids: readonly string[], concurrency: number): Promise<number[]> {
    const logger = pino({ level: "silent" });
    return inParallel(ids, concurrency, async (serviceId) => {
      const result = await requestSync({ em: this.orm.em.fork(), jobs: this.agenda, serviceId, companyId: null, requestedById: null, logger });
      if (result.outcome !== "queued") throw new Error(`sync of ${serviceId} not queued: ${result.outcome}`);
      return nowMs();
    });
  }

  async close(): Promise<void> {
    await this.agenda.stop({ drainTimeoutMs: 1_000 });
    await this.orm.close();
  }
}

export interface SyncCounts {
  pending: number;
  synced: number;
  error: number;
}

export function syncCounts(databaseUrl: string, ids: readonly string[]): Promise<SyncCounts> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ pending: string; synced: string; error: string }>(
      `SELECT count(*) FILTER (WHERE sync_status = 'pending') AS pending, count(*) FILTER (WHERE sync_status = 'synced') AS synced,
         count(*) FILTER (WHERE sync_status = 'error') AS error FROM services WHERE id = ANY($1)`,
      [ids],
    );
    const row = rows[0] ?? { pending: "0", synced: "0", error: "0" };
    return { pending: Number(row.pending), synced: Number(row.synced), error: Number(row.error) };
  });
}

/** Waits until none of the services is pending; undefined when that did not happen within timeoutMs. */
export async function untilSettled(databaseUrl: string, ids: readonly string[], timeoutMs: number): Promise<{ at: number; counts: SyncCounts } | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await syncCounts(databaseUrl, ids);
    if (counts.pending === 0) return { at: nowMs(), counts };
    if (Date.now() > deadline) return undefined;
    // Not tighter: the count over a thousand ids is itself a statement PostgreSQL has to run.
    await sleep(200);
  }
}

/** When each service was last synced (ms since the epoch) if that was after `since`, oldest first. */
export function syncTimes(databaseUrl: string, ids: readonly string[], since: number): Promise<number[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ at: Date }>(
      "SELECT last_synced_at AS at FROM services WHERE id = ANY($1) AND last_synced_at >= $2 ORDER BY last_synced_at",
      [ids, new Date(since)],
    );
    return rows.map((row) => row.at.getTime());
  });
}
