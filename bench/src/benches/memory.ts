import { ApiClient } from "../lab/api-client";
import { CATALOGUE_SIZE } from "../lab/catalogue";
import { catalogueServiceIds, inParallel } from "../lab/catalogue-db";
import { type ChildApp, startApi, startWorker } from "../lab/processes";
import { untilSettled } from "../lab/requester";
import { SANDBOX_API_KEY, startSandbox } from "../lab/sandbox";
import type { Bench, Figure } from "../report/result";

const SYNCS = 10_000;
const BATCH = 500;
/** Batches before the reference reading: JIT, pools and caches settle in these. */
const WARM_UP_BATCHES = 2;
const REQUEST_CONCURRENCY = 10;
const GROWTH_TARGET_PERCENT = 20;

interface Reading {
  syncs: number;
  api: number;
  worker: number;
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const numerator = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const denominator = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return denominator === 0 ? Number.NaN : numerator / denominator;
}

export const memoryBench: Bench = {
  id: "memory",
  title: "Memory of api and worker over 10,000 syncs",
  async run(context) {
    const started = Date.now();
    const syncs = context.quick ? 1_500 : SYNCS;
    const databaseUrl = await context.db.fresh("bench_memory");
    const sandbox = await startSandbox();
    const readings: Reading[] = [];
    let peak = { api: 0, worker: 0 };
    try {
      const api = await startApi({ databaseUrl, workDir: context.workDir });
      let worker: ChildApp | undefined;
      try {
        worker = await startWorker({ databaseUrl, workDir: context.workDir, calcomUrl: sandbox.url, calcomApiKey: SANDBOX_API_KEY });
        const running = worker;
        const client = await ApiClient.signedIn(api.url);
        const ids = await catalogueServiceIds(databaseUrl, 1, Math.min(syncs, CATALOGUE_SIZE));
        const sampler = setInterval(() => {
          peak = { api: Math.max(peak.api, api.rssMiB()), worker: Math.max(peak.worker, running.rssMiB()) };
        }, 250);
        try {
          readings.push({ syncs: 0, api: api.rssMiB(), worker: running.rssMiB() });
          for (let done = 0; done < syncs; done += BATCH) {
            const batch = Array.from({ length: Math.min(BATCH, syncs - done) }, (_, index) => ids[(done + index) % ids.length] as string);
            await inParallel(batch, REQUEST_CONCURRENCY, async (id) => {
              const outcome = await client.sync(id);
              if (outcome.outcome !== "queued") throw new Error(`service.sync answered ${outcome.outcome}`);
            });
            const settled = await untilSettled(databaseUrl, batch, 120_000);
            if (!settled) throw new Error(`a batch of ${batch.length} syncs was still pending after 120 s`);
            // What the page does afterwards: load each service once.
            await inParallel(batch, REQUEST_CONCURRENCY, (id) => client.byId(id));
            readings.push({ syncs: done + batch.length, api: api.rssMiB(), worker: running.rssMiB() });
            if ((done + batch.length) % 2_000 === 0) context.log(`memory: ${done + batch.length} syncs, api ${api.rssMiB().toFixed(0)} MiB, worker ${running.rssMiB().toFixed(0)} MiB`);
          }
        } finally {
          clearInterval(sampler);
        }
      } finally {
        await worker?.stop();
        await api.stop();
      }
    } finally {
      await sandbox.stop();
      await context.db.drop("bench_memory");
    }

    const reference = readings[WARM_UP_BATCHES] as Reading;
    const last = readings.at(-1) as Reading;
    const after = readings.slice(WARM_UP_BATCHES);
    const trend = (part: "api" | "worker") => slope(after.map((reading) => [reading.syncs / 1_000, reading[part]])) ;
    const figures: Figure[] = [];
    for (const part of ["api", "worker"] as const) {
      figures.push(
        { label: `${part}: RSS after ${last.syncs} syncs`, value: last[part], unit: "MiB", baseline: reference[part] },
        { label: `${part}: peak RSS (sampled every 250 ms)`, value: peak[part], unit: "MiB", baseline: reference[part] },
        { label: `${part}: growth after warm-up`, value: (last[part] / reference[part] - 1) * 100, unit: "%", target: { op: "<=", value: GROWTH_TARGET_PERCENT } },
      );
    }
    return {
      id: "memory",
      title: memoryBench.title,
      method: [
        `apps/api and apps/worker as shipped (own processes, LOG_LEVEL info), the sandbox without a reachable rate limit. ${syncs} syncs through the api over HTTP (\`service.sync\`, signed in), in batches of ${BATCH} (${REQUEST_CONCURRENCY} requests at a time); after each batch has synced, each of its services is loaded once with \`service.byId\`, as the page would.`,
        `RSS from /proc/<pid>/status after every batch (and every 250 ms for the peak). Warm-up: the first ${WARM_UP_BATCHES * BATCH} syncs.`,
      ],
      baseline: `each process's RSS right after the warm-up (${reference.syncs} syncs): api ${reference.api.toFixed(0)} MiB, worker ${reference.worker.toFixed(0)} MiB.`,
      figures,
      notes: [
        `Trend after warm-up (least squares over the per-batch readings): api ${trend("api").toFixed(2)} MiB per 1,000 syncs, worker ${trend("worker").toFixed(2)} MiB per 1,000 syncs.`,
        `Readings (syncs: api / worker MiB): ${readings.map((reading) => `${reading.syncs}: ${reading.api.toFixed(0)}/${reading.worker.toFixed(0)}`).join(", ")}.`,
      ],
      durationMs: Date.now() - started,
    };
  },
};
