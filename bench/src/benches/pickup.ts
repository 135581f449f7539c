import { randomUUID } from "node:crypto";
import { MongoBackend } from "@agendajs/mongo-backend";
import { PostgresBackend } from "@agendajs/postgres-backend";
import { createJobs, defineSyncJob, enqueueSync, type Job } from "@askpro/jobs";
import { startTestMongo } from "@askpro/jobs/testing";
import { Agenda, type AgendaBackend } from "agenda";
import { nowMs, sleep } from "../lab/time";
import { type Distribution, distribution } from "../report/stats";
import type { Bench, BenchContext, Figure } from "../report/result";

const JOBS = 500;
const BASELINE_JOBS = 20;
/** Not counted: the first jobs pay for connections and JIT. */
const WARM_UP = 10;
/** Agenda's default poll interval (processEvery) when none is configured. */
const AGENDA_DEFAULT_POLL_MS = 5_000;
const PICKUP_TIMEOUT_MS = 30_000;

type Store = "postgres" | "mongodb";
const STORE_LABEL: Record<Store, string> = {
  postgres: "PostgreSQL store, NOTIFY wake-ups",
  mongodb: "MongoDB store (jongodb), PostgreSQL NOTIFY wake-ups",
};

interface Waiter {
  resolve(at: number): void;
}

/** Jobs are told apart by their serviceId; each waiter resolves with the time its handler started. */
class StartLog {
  readonly #waiters = new Map<string, Waiter>();

  expect(key: string, timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(key);
        reject(new Error(`job ${key} did not start within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.set(key, {
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      });
    });
  }

  started(key: string): void {
    const at = nowMs();
    this.#waiters.get(key)?.resolve(at);
    this.#waiters.delete(key);
  }
}

/**
 * The product set-up: an "api" Agenda enqueues with enqueueSync, a "worker" Agenda with the
 * product's poll interval (createJobs' default) runs the real sync job definition with a handler
 * that only notes when it started. One job at a time, so every figure is an idle worker's pickup.
 */
async function measureProduct(databaseUrl: string, jobsDbUrl: string | undefined, count: number) {
  const errors: Error[] = [];
  const onError = (error: Error) => errors.push(error);
  const api = await createJobs({ databaseUrl, jobsDbUrl, name: "bench-api", onError });
  const worker = await createJobs({ databaseUrl, jobsDbUrl, name: "bench-worker", onError });
  const starts = new StartLog();
  const completions = new StartLog();
  defineSyncJob(worker, async (payload) => starts.started(payload.serviceId));
  worker.onFinished((_jobId, payload) => completions.started((payload as { serviceId: string }).serviceId));
  await worker.start();
  const delays: number[] = [];
  const enqueueCalls: number[] = [];
  try {
    for (let i = 0; i < count + WARM_UP; i++) {
      const serviceId = randomUUID();
      const started = starts.expect(serviceId, PICKUP_TIMEOUT_MS);
      const completed = completions.expect(serviceId, PICKUP_TIMEOUT_MS);
      const enqueuedAt = nowMs();
      await enqueueSync(api, { serviceId, attemptId: randomUUID() });
      const returnedAt = nowMs();
      const startedAt = await started;
      await completed;
      if (i < WARM_UP) continue;
      delays.push(startedAt - enqueuedAt);
      enqueueCalls.push(returnedAt - enqueuedAt);
    }
  } finally {
    await worker.stop({ drainTimeoutMs: 2_000 });
    await api.stop({ drainTimeoutMs: 1_000 });
  }
  if (errors.length > 0) throw new Error(`job system errors: ${errors.map((error) => error.message).join("; ")}`);
  return { delays: distribution(delays), enqueueCalls: distribution(enqueueCalls) };
}

/**
 * Agenda as its README sets it up: the store's backend without a notification channel
 * (PostgresBackend's own LISTEN/NOTIFY disabled), default processEvery. Jobs are enqueued at random
 * moments over two poll intervals, so the delays sample the whole poll cycle.
 */
async function measurePolling(backendFor: () => AgendaBackend, count: number): Promise<Distribution> {
  const name = "bench.poll";
  // One after the other: both would race to create the jobs table.
  const api = new Agenda({ backend: backendFor() });
  await api.ready;
  const worker = new Agenda({ backend: backendFor() });
  await worker.ready;
  const starts = new StartLog();
  worker.define(name, async (job: Job) => starts.started((job.attrs.data as { key: string }).key));
  await worker.start();
  try {
    const delays = await Promise.all(
      Array.from({ length: count }, async () => {
        await sleep(Math.random() * 2 * AGENDA_DEFAULT_POLL_MS);
        const key = randomUUID();
        const started = starts.expect(key, 3 * AGENDA_DEFAULT_POLL_MS);
        const enqueuedAt = nowMs();
        await api.now(name, { key });
        return (await started) - enqueuedAt;
      }),
    );
    return distribution(delays);
  } finally {
    await worker.stop();
    await api.stop();
  }
}

function delayFigures(label: string, measured: Distribution, baseline: Distribution): Figure[] {
  return [
    { label: `${label}: p50`, value: measured.p50, unit: "ms", baseline: baseline.p50 },
    { label: `${label}: p95`, value: measured.p95, unit: "ms", baseline: baseline.p95, target: { op: "<=", value: 25 } },
    { label: `${label}: p99`, value: measured.p99, unit: "ms", baseline: baseline.p99 },
    {
      label: `${label}: p95 of default polling / p95 here`,
      value: baseline.p95 / measured.p95,
      unit: "x",
      target: { op: ">=", value: 100 },
    },
  ];
}

export const pickupBench: Bench = {
  id: "pickup",
  title: "Job pickup delay (enqueue -> handler start)",
  async run(context: BenchContext) {
    const started = Date.now();
    const jobs = context.quick ? 50 : JOBS;
    const baselineJobs = context.quick ? 5 : BASELINE_JOBS;
    const databaseUrl = await context.db.fresh("bench_pickup");
    const mongo = await startTestMongo();
    try {
      const figures: Figure[] = [];
      const notes: string[] = [];
      for (const store of ["postgres", "mongodb"] as const) {
        const jobsDbUrl = store === "mongodb" ? mongo.url : undefined;
        context.log(`pickup: ${STORE_LABEL[store]}, ${jobs} jobs`);
        const product = await measureProduct(databaseUrl, jobsDbUrl, jobs);
        context.log(`pickup: ${store} with Agenda's default polling, ${baselineJobs} jobs`);
        const baseline = await measurePolling(
          () =>
            store === "postgres"
              ? new PostgresBackend({ connectionString: databaseUrl, tableName: "bench_poll_jobs", disableNotifications: true })
              : new MongoBackend({ address: mongo.url, collection: "benchPollJobs" }),
          baselineJobs,
        );
        figures.push(...delayFigures(STORE_LABEL[store], product.delays, baseline));
        notes.push(
          `${STORE_LABEL[store]}: of the delay, the enqueue call itself (insert and NOTIFY; the live-job lookup only when the store refuses the insert) took p50 ${product.enqueueCalls.p50.toFixed(1)} ms / p95 ${product.enqueueCalls.p95.toFixed(1)} ms; max delay ${product.delays.max.toFixed(1)} ms. Baseline max ${baseline.max.toFixed(0)} ms.`,
        );
      }
      return {
        id: "pickup",
        title: pickupBench.title,
        method: [
          `${jobs} jobs per store, one at a time (the next is enqueued once the previous one completed), after ${WARM_UP} warm-up jobs: the delay an idle worker adds.`,
          "Enqueued with `enqueueSync` from an api-side queue made by `createJobs`; run by a worker-side queue made by `createJobs` (product default poll of 10 s as the safety net) with the real `defineSyncJob` definition, whose handler only notes its start time.",
          "Delay = handler start - moment `enqueueSync` was called (both in the same process, `performance.timeOrigin + performance.now()`).",
        ],
        baseline: `Agenda's default polling set-up, same store: the backend without any notification channel, default processEvery (${AGENDA_DEFAULT_POLL_MS / 1000} s); ${baselineJobs} jobs per store (not 500, to keep the run short: each waits for a poll), enqueued at random moments over two poll intervals.`,
        figures,
        notes,
        durationMs: Date.now() - started,
      };
    } finally {
      await mongo.stop();
      await context.db.drop("bench_pickup");
    }
  },
};
