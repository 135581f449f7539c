import type { CalcomRequestObservation } from "@askpro/calcom";
import type { DriftState } from "@askpro/domain";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** How a run of `calcom.update-event-type` ended; `skipped`: the service was deleted or no longer pending. */
export const SYNC_JOB_OUTCOMES = ["succeeded", "failed", "retrying", "skipped"] as const;
export type SyncJobOutcome = (typeof SYNC_JOB_OUTCOMES)[number];

/** What the sync job reports; absent in tests that do not look at metrics. */
export interface SyncJobMetrics {
  /** Seconds from the moment the job was due until its handler started. */
  syncJobPickedUp(delaySeconds: number): void;
  syncJobFinished(outcome: SyncJobOutcome, durationSeconds: number): void;
  /** Handed to createCalcomClient as onRequest. */
  calcomRequest(request: CalcomRequestObservation): void;
}

/** How a run of `calcom.check-drift` ended (failed: Cal.com could not be read; skipped: nothing linked). */
export const DRIFT_CHECK_OUTCOMES = ["checked", "skipped", "failed"] as const;
export type DriftCheckOutcome = (typeof DRIFT_CHECK_OUTCOMES)[number];

/** What the drift check reports; absent in tests that do not look at metrics. */
export interface DriftCheckMetrics {
  driftCheckFinished(outcome: DriftCheckOutcome, durationSeconds: number, calcomRequests: number): void;
  /** Linked services of every company by drift state ("unchecked": not checked since linked or synced). */
  servicesByDrift(counts: Record<DriftState | "unchecked", number>): void;
  calcomRequest(request: CalcomRequestObservation): void;
}

export interface WorkerMetrics extends SyncJobMetrics, DriftCheckMetrics {
  /** This worker's own registry (never prom-client's global one), served by startMetricsServer. */
  registry: Registry;
}

/** Up to the production retry policy's 8-minute wait: a job late by minutes means no worker is taking jobs. */
const PICKUP_DELAY_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 600];
/** A sync is one Cal.com request (10 s timeout) and a few database writes. */
const JOB_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];
const CALCOM_LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const jobs = new Counter({
    name: "askpro_sync_jobs_total",
    help: "Runs of the Cal.com sync job by outcome (retrying: a retry is scheduled).",
    labelNames: ["outcome"] as const,
    registers,
  });
  for (const outcome of SYNC_JOB_OUTCOMES) jobs.inc({ outcome }, 0);
  const pickupDelay = new Histogram({
    name: "askpro_sync_job_pickup_delay_seconds",
    help: "Seconds from a sync being queued until its job's handler started (first run of a job; retries wait for their backoff).",
    buckets: PICKUP_DELAY_BUCKETS,
    registers,
  });
  const jobDuration = new Histogram({
    name: "askpro_sync_job_duration_seconds",
    help: "Seconds a run of the Cal.com sync job took, by outcome.",
    labelNames: ["outcome"] as const,
    buckets: JOB_DURATION_BUCKETS,
    registers,
  });
  const calcomRequests = new Counter({
    name: "askpro_calcom_requests_total",
    help: "Requests to Cal.com by method, path template and status class (network/timeout: no response).",
    labelNames: ["method", "route", "status_class"] as const,
    registers,
  });
  const calcomLatency = new Histogram({
    name: "askpro_calcom_request_duration_seconds",
    help: "Seconds from sending a request to Cal.com until its response was read, by method and path template.",
    labelNames: ["method", "route"] as const,
    buckets: CALCOM_LATENCY_BUCKETS,
    registers,
  });

  const driftChecks = new Histogram({
    name: "askpro_drift_check_duration_seconds",
    help: "Seconds a drift check of one company took (its Cal.com list call and the marks), by outcome.",
    labelNames: ["outcome"] as const,
    buckets: JOB_DURATION_BUCKETS,
    registers,
  });
  const driftRequests = new Histogram({
    name: "askpro_drift_check_calcom_requests",
    help: "Cal.com requests one drift check of a company made (one list call per team or user: 1 expected).",
    labelNames: ["outcome"] as const,
    buckets: [0, 1, 2, 3, 5, 10],
    registers,
  });
  const driftServices = new Gauge({
    name: "askpro_services_by_drift_state",
    help: "Linked services of every company by drift state as the drift checks left them (unchecked: not checked since linked or synced); set after each check.",
    labelNames: ["state"] as const,
    registers,
  });

  return {
    registry,
    driftCheckFinished: (outcome, durationSeconds, requests) => {
      driftChecks.observe({ outcome }, durationSeconds);
      driftRequests.observe({ outcome }, requests);
    },
    servicesByDrift: (counts) => {
      for (const [state, count] of Object.entries(counts)) driftServices.set({ state }, count);
    },
    syncJobPickedUp: (delaySeconds) => pickupDelay.observe(Math.max(0, delaySeconds)),
    syncJobFinished: (outcome, durationSeconds) => {
      jobs.inc({ outcome });
      jobDuration.observe({ outcome }, durationSeconds);
    },
    calcomRequest: ({ method, route, status, durationMs, kind }) => {
      const statusClass = status === undefined ? (kind ?? "network") : `${Math.floor(status / 100)}xx`;
      calcomRequests.inc({ method, route, status_class: statusClass });
      calcomLatency.observe({ method, route }, durationMs / 1000);
    },
  };
}
