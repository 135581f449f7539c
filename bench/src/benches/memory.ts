import { SERVICE_NODE_FLAGS } from "../../../scripts/lib/node-flags";
import { SYNC_LOCK_LIFETIME_MS } from "@askpro/jobs";
import { ApiClient } from "../lab/api-client";
import { CATALOGUE_SIZE } from "../lab/catalogue";
import { catalogueServiceIds, inParallel } from "../lab/catalogue-db";
import { InspectorSession } from "../lab/inspector";
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
/** Syncs after the RSS series, between two heap readings: whether live objects still accumulate. */
const EXTRA_BATCHES = 3;

/** RSS in MiB after a number of syncs, and the part of it the JavaScript heap holds. */
interface Reading {
  syncs: number;
  api: number;
  worker: number;
  heap: { api: number; worker: number };
}

/** JavaScript heap in use after a full GC, MiB. */
interface HeapReading {
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
    const unread: HeapReading = { api: Number.NaN, worker: Number.NaN };
    const heap = { before: unread, after: unread, later: unread };
    let peak = { api: 0, worker: 0 };
    let seriesStarted = 0;
    let seriesMs = Number.NaN;
    try {
      const api = await startApi({ databaseUrl, workDir: context.workDir, inspect: true });
      const sessions: InspectorSession[] = [];
      let worker: ChildApp | undefined;
      try {
        worker = await startWorker({ databaseUrl, workDir: context.workDir, calcomUrl: sandbox.url, calcomApiKey: SANDBOX_API_KEY, inspect: true });
        const running = worker;
        const [apiInspector, workerInspector] = [await InspectorSession.connect(api), await InspectorSession.connect(running)] as const;
        sessions.push(apiInspector, workerInspector);
        const read = async (syncs: number): Promise<Reading> => {
          const heap = { api: await apiInspector.heapCommittedMiB(), worker: await workerInspector.heapCommittedMiB() };
          const reading = { syncs, api: api.rssMiB(), worker: running.rssMiB(), heap };
          peak = { api: Math.max(peak.api, reading.api), worker: Math.max(peak.worker, reading.worker) };
          return reading;
        };
        // Forced GCs only before the load and after the RSS series: one in between would shrink the heap and flatter it.
        const readHeap = async (): Promise<HeapReading> => ({ api: await apiInspector.heapAfterGcMiB(), worker: await workerInspector.heapAfterGcMiB() });
        const client = await ApiClient.signedIn(api.url);
        const ids = await catalogueServiceIds(databaseUrl, 1, Math.min(syncs, CATALOGUE_SIZE));
        const sampler = setInterval(() => {
          peak = { api: Math.max(peak.api, api.rssMiB()), worker: Math.max(peak.worker, running.rssMiB()) };
        }, 250);
        const runBatch = async (done: number, size: number) => {
          const batch = Array.from({ length: size }, (_, index) => ids[(done + index) % ids.length] as string);
          await inParallel(batch, REQUEST_CONCURRENCY, async (id) => {
            const outcome = await client.sync(id);
            if (outcome.outcome !== "queued") throw new Error(`service.sync answered ${outcome.outcome}`);
          });
          const settled = await untilSettled(databaseUrl, batch, 120_000);
          if (!settled) throw new Error(`a batch of ${batch.length} syncs was still pending after 120 s`);
          // What the page does afterwards: load each service once.
          await inParallel(batch, REQUEST_CONCURRENCY, (id) => client.byId(id));
        };
        try {
          heap.before = await readHeap();
          readings.push(await read(0));
          seriesStarted = Date.now();
          for (let done = 0; done < syncs; done += BATCH) {
            await runBatch(done, Math.min(BATCH, syncs - done));
            readings.push(await read(done + Math.min(BATCH, syncs - done)));
            if (readings.length % 4 === 1) context.log(`memory: ${readings.at(-1)?.syncs} syncs, api ${api.rssMiB().toFixed(0)} MiB, worker ${running.rssMiB().toFixed(0)} MiB`);
          }
          seriesMs = Date.now() - seriesStarted;
          // The RSS series is done: from here on, forced GCs cannot flatter it.
          heap.after = await readHeap();
          for (let extra = 0; extra < EXTRA_BATCHES; extra++) await runBatch(syncs + extra * BATCH, BATCH);
          heap.later = await readHeap();
        } finally {
          clearInterval(sampler);
        }
      } finally {
        for (const session of sessions) session.close();
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
    const trend = (part: "api" | "worker") => slope(after.map((reading) => [reading.syncs / 1_000, reading[part]]));
    const half = readings.find((reading) => reading.syncs >= last.syncs / 2) as Reading;
    const figures: Figure[] = [];
    for (const part of ["api", "worker"] as const) {
      figures.push(
        { label: `${part}: RSS after ${last.syncs} syncs`, value: last[part], unit: "MiB", baseline: reference[part] },
        { label: `${part}: peak RSS (sampled every 250 ms)`, value: peak[part], unit: "MiB", baseline: reference[part] },
        { label: `${part}: growth after warm-up`, value: (last[part] / reference[part] - 1) * 100, unit: "%", target: { op: "<=", value: GROWTH_TARGET_PERCENT } },
        { label: `${part}: growth over the second half (${half.syncs} to ${last.syncs} syncs)`, value: (last[part] / half[part] - 1) * 100, unit: "%" },
        { label: `${part}: JavaScript heap in use after a full GC, after the ${last.syncs} syncs (baseline: before them)`, value: heap.after[part], unit: "MiB", baseline: heap.before[part] },
        { label: `${part}: the same after ${EXTRA_BATCHES * BATCH} more syncs (baseline: after the ${last.syncs})`, value: heap.later[part], unit: "MiB", baseline: heap.after[part] },
      );
    }
    return {
      id: "memory",
      title: memoryBench.title,
      method: [
        `apps/api and apps/worker as shipped (own processes, LOG_LEVEL info, ${SERVICE_NODE_FLAGS.join(" ")}), the sandbox without a reachable rate limit. ${syncs} syncs through the api over HTTP (\`service.sync\`, signed in), in batches of ${BATCH} (${REQUEST_CONCURRENCY} requests at a time); after each batch has synced, each of its services is loaded once with \`service.byId\`, as the page would.`,
        `RSS from /proc/<pid>/status after every batch (and every 250 ms for the peak). Warm-up: the first ${WARM_UP_BATCHES * BATCH} syncs. Both processes run with --inspect on loopback, through which the JavaScript heap still in use after a full garbage collection is read before the first sync, after the last, and after ${EXTRA_BATCHES * BATCH} more syncs (no forced GC during the RSS series). RSS depends on when V8 enlarges its heap spaces, which varies from run to run and with the machine's load; the heap still in use after a full GC is the check for a leak.`,
      ],
      baseline: `each process's RSS right after the warm-up (${reference.syncs} syncs): api ${reference.api.toFixed(0)} MiB, worker ${reference.worker.toFixed(0)} MiB.`,
      figures,
      notes: [
        `Trend after warm-up (least squares over the per-batch readings): api ${trend("api").toFixed(2)}, worker ${trend("worker").toFixed(2)} MiB of RSS per 1,000 syncs.`,
        `RSS readings (syncs: api / worker MiB, in brackets the JavaScript heap's committed part of each): ${readings.map((reading) => `${reading.syncs}: ${reading.api.toFixed(0)}/${reading.worker.toFixed(0)} (${reading.heap.api.toFixed(0)}/${reading.heap.worker.toFixed(0)})`).join(", ")}.`,
        ...missedGrowth(readings, reference, last, heap),
        heldJobs(last.syncs / (seriesMs / 1000)),
      ],
      durationMs: Date.now() - started,
    };
  },
};

/** When RSS grew past the target: whether the heap that is still in use grew with it (a leak) or not (V8 sizing its heap). */
function missedGrowth(readings: Reading[], reference: Reading, last: Reading, heap: { before: HeapReading; after: HeapReading; later: HeapReading }): string[] {
  const notes: string[] = [];
  for (const part of ["api", "worker"] as const) {
    const growth = (last[part] / reference[part] - 1) * 100;
    if (growth <= GROWTH_TARGET_PERCENT) continue;
    const liveGrowth = (heap.later[part] / heap.after[part] - 1) * 100;
    const plateau = readings.find((reading) => reading[part] >= last[part] * 0.97) as Reading;
    notes.push(
      `${part}: RSS grew ${growth.toFixed(0)}% after the warm-up and reached 97% of its final size by ${plateau.syncs} syncs. The heap still in use after a full GC was ${heap.before[part].toFixed(1)} MiB before the syncs, ${heap.after[part].toFixed(1)} MiB after ${last.syncs} and ${heap.later[part].toFixed(1)} MiB after ${EXTRA_BATCHES * BATCH} more (${liveGrowth >= 0 ? "+" : ""}${liveGrowth.toFixed(1)}%). ` +
        (Math.abs(liveGrowth) < 5
          ? `Live objects stopped growing: the RSS growth is V8 enlarging its heap spaces to the load's working set and keeping those pages, so RSS levels off instead of climbing; no sign of a leak. A longer warm-up would show the plateau as flat; the processes already run with ${SERVICE_NODE_FLAGS.join(" ")} (scripts/lib/node-flags.ts), and a smaller young generation trades more CPU for less RSS.`
          : "Live objects kept growing: a heap snapshot diff between two readings (--heapsnapshot-signal) would show what accumulates."),
    );
  }
  return notes;
}

/** What Agenda keeps of finished jobs: part of the worker's live heap after the syncs. */
function heldJobs(syncsPerSecond: number): string {
  const heldS = SYNC_LOCK_LIFETIME_MS / 2 / 1000;
  return (
    `The worker holds each sync job in memory for ${heldS} s after it started, finished or not: Agenda 6's JobProcessor races every job against a watchdog (checkIfJobIsStillAlive) that sleeps max(processEvery, lockLifetime) / 2 before it looks again, and the sleeping watchdog keeps the Job, its data and its promises reachable. ` +
    `At the ${syncsPerSecond.toFixed(0)} syncs/s of this run that is about ${Math.round(syncsPerSecond * heldS).toLocaleString("en")} jobs at any moment, bounded by the rate (heap snapshots of the worker before and after 10,000 syncs, taken by hand, showed one Job and one watchdog closure per job of the last ${heldS} s). A shorter lock lifetime would hold fewer; an upstream fix would end the watchdog when its job ends.`
  );
}
