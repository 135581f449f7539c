import type { Orm } from "@askpro/db";
import type { RequestSyncResult } from "@askpro/sync";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Logger } from "../logger";
import { countServicesBySyncStatus } from "./services-by-sync-status";

export type SyncRequestOutcome = RequestSyncResult["outcome"];
export const SYNC_REQUEST_OUTCOMES = ["queued", "no_event_type", "already_pending", "enqueue_failed"] as const satisfies readonly SyncRequestOutcome[];

/** A procedure that answered without an error; otherwise the tRPC error code (BAD_REQUEST, UNAUTHORIZED...). */
export const PROCEDURE_OK = "OK";

export interface ApiMetrics {
  /** This app's own registry (never prom-client's global one), served at GET /metrics. */
  registry: Registry;
  syncRequested(outcome: SyncRequestOutcome): void;
  /** procedure: a known procedure path or "unknown"; code: PROCEDURE_OK or a tRPC error code. */
  procedureCalled(procedure: string, code: string, durationSeconds: number): void;
}

const REQUEST_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createApiMetrics({ orm, logger }: { orm: Orm; logger: Logger }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const syncRequests = new Counter({
    name: "askpro_sync_requests_total",
    help: "Sync requests (service.sync) by outcome: queued, no_event_type, already_pending, enqueue_failed.",
    labelNames: ["outcome"] as const,
    registers,
  });
  for (const outcome of SYNC_REQUEST_OUTCOMES) syncRequests.inc({ outcome }, 0);
  const requests = new Counter({
    name: "askpro_api_requests_total",
    help: "tRPC procedure calls by procedure and result code (OK or the tRPC error code).",
    labelNames: ["procedure", "code"] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: "askpro_api_request_duration_seconds",
    help: "Seconds until a tRPC request was answered, by procedure (a batch counts for each procedure in it).",
    labelNames: ["procedure"] as const,
    buckets: REQUEST_DURATION_BUCKETS,
    registers,
  });
  new Gauge({
    name: "askpro_services",
    help: "Services per company (slug) and sync status, read from the database at scrape time.",
    labelNames: ["company", "sync_status"] as const,
    registers,
    async collect() {
      // Stale numbers would be worse than none: a failed read leaves the gauge empty (alert on absent()).
      this.reset();
      try {
        for (const row of await countServicesBySyncStatus(orm.em.fork())) {
          this.set({ company: row.company, sync_status: row.syncStatus }, row.services);
        }
      } catch (error) {
        logger.warn({ err: error }, "services per sync status not read for /metrics");
      }
    },
  });

  return {
    registry,
    syncRequested: (outcome) => syncRequests.inc({ outcome }),
    procedureCalled: (procedure, code, durationSeconds) => {
      requests.inc({ procedure, code });
      requestDuration.observe({ procedure }, durationSeconds);
    },
  };
}
