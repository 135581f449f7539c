import { type BulkRunState, createOrm, type Orm, readBulkRun } from "@askpro/db";
import { createJobs, type Jobs } from "@askpro/jobs";
import { requestSync, type StartedBulkSync, startBulkSync } from "@askpro/sync";
import { pino } from "pino";
import { inParallel, withClient } from "./catalogue-db";
import { nowMs, sleep } from "./time";

const SILENT = pino({ level: "silent" });

/** What a bulk run needs besides the connections: the company, the selection, and whatever else startBulkSync asks. */
export type BulkRequest = Omit<Parameters<typeof startBulkSync>[0], "em" | "jobs" | "requestedById" | "logger">;

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
    return inParallel(ids, concurrency, async (serviceId) => {
      await this.request(serviceId, null);
      return nowMs();
    });
  }

  /** One click on "Sync" (service.sync of an admin of companyId; null: any company); fails unless it was queued. */
  async request(serviceId: string, companyId: string | null): Promise<void> {
    const result = await requestSync({ em: this.orm.em.fork(), jobs: this.agenda, serviceId, companyId, requestedById: null, logger: SILENT });
    if (result.outcome !== "queued") throw new Error(`sync of ${serviceId} not queued: ${result.outcome}`);
  }

  /** "Sync now" of the bulk dialog, as the api's service.bulkSync starts it. */
  startBulk(request: BulkRequest): Promise<StartedBulkSync> {
    return startBulkSync({ ...request, em: this.orm.em.fork(), jobs: this.agenda, requestedById: null, logger: SILENT });
  }

  /** The run as its progress bar reads it. */
  bulkRun(runId: string): Promise<BulkRunState | undefined> {
    return readBulkRun(this.orm.em.fork(), { runId, companyId: null });
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
