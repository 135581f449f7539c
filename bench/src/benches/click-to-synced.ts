import { createCalcomClient } from "@askpro/calcom";
import { ApiClient } from "../lab/api-client";
import { CATALOGUE_TEAM } from "../lab/catalogue";
import { catalogueServiceIds, withClient } from "../lab/catalogue-db";
import { type ApiApp, type ChildApp, startApi, startWorker } from "../lab/processes";
import { renderProfile, summariseProfile } from "../lab/profile";
import { SANDBOX_API_KEY, startSandbox } from "../lab/sandbox";
import { nowMs, sleep } from "../lab/time";
import type { Bench, BenchContext, Figure } from "../report/result";
import { type Distribution, distribution } from "../report/stats";

const SYNCS = 200;
const WARM_UP = 10;
const BASELINE_SYNCS = 10;
/** How often the status is asked for, as a tight stand-in for the page's live status. */
const POLL_MS = 5;
const TARGET_P95_MS = 150;
const FLOOR_CALLS = 100;
/** Agenda's default processEvery, which the baseline worker polls at. */
const AGENDA_DEFAULT_POLL_MS = 5_000;

interface ClickRun {
  total: number[];
  mutation: number[];
}

/** service.sync, then service.byId until it says `synced`: from the click to the answer showing it. */
async function clickOnce(client: ApiClient, id: string, timeoutMs: number): Promise<{ total: number; mutation: number }> {
  const clickedAt = nowMs();
  const outcome = await client.sync(id);
  const answeredAt = nowMs();
  if (outcome.outcome !== "queued") throw new Error(`service.sync answered ${outcome.outcome}`);
  for (;;) {
    const service = await client.byId(id);
    if (service.syncStatus === "synced") break;
    if (service.syncStatus === "error") throw new Error(`sync failed: ${service.syncError}`);
    if (nowMs() - clickedAt > timeoutMs) throw new Error(`service ${id} not synced within ${timeoutMs} ms`);
    await sleep(POLL_MS);
  }
  return { total: nowMs() - clickedAt, mutation: answeredAt - clickedAt };
}

/** One click at a time, each once the previous one has synced; the first `warmUp` are not counted. */
async function clickInTurn(client: ApiClient, ids: string[], warmUp: number, timeoutMs: number): Promise<ClickRun> {
  const run: ClickRun = { total: [], mutation: [] };
  for (const [index, id] of ids.entries()) {
    const click = await clickOnce(client, id, timeoutMs);
    if (index < warmUp) continue;
    run.total.push(click.total);
    run.mutation.push(click.mutation);
  }
  return run;
}

/**
 * Clicks at random moments over two poll intervals: with a polling worker, one click right after
 * another would always land just after a poll and wait the whole interval.
 */
async function clickAtRandom(client: ApiClient, ids: string[], spreadMs: number, timeoutMs: number): Promise<ClickRun> {
  const clicks = await Promise.all(
    ids.map(async (id) => {
      await sleep(Math.random() * spreadMs);
      return clickOnce(client, id, timeoutMs);
    }),
  );
  return { total: clicks.map((click) => click.total), mutation: clicks.map((click) => click.mutation) };
}

/** Where the time went, from the attempt rows: queued -> handler started -> PATCH -> recorded. */
async function phases(databaseUrl: string, ids: string[]) {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ queued: number; patch: number }>(
      `SELECT extract(epoch FROM started_at - requested_at) * 1000 AS queued, (attempt_log -> 0 ->> 'durationMs')::float AS patch
       FROM sync_attempts WHERE service_id = ANY($1) AND outcome = 'succeeded'`,
      [ids],
    );
    return {
      queued: distribution(rows.map((row) => Number(row.queued))),
      patch: distribution(rows.map((row) => Number(row.patch))),
    };
  });
}

/** The irreducible part: one PATCH from the Cal.com client straight to the sandbox. */
async function patchFloor(sandboxUrl: string, eventTypeId: number, calls: number): Promise<Distribution> {
  const client = createCalcomClient({ apiKey: SANDBOX_API_KEY, baseUrl: sandboxUrl });
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = nowMs();
    await client.updateEventType(eventTypeId, { title: `Floor ${i}` }, { teamId: CATALOGUE_TEAM });
    times.push(nowMs() - started);
  }
  return distribution(times);
}

async function withStack<T>(
  context: BenchContext,
  databaseUrl: string,
  sandboxUrl: string,
  options: { wakeUps: "notify" | "poll"; cpuProfile?: boolean },
  use: (client: ApiClient, api: ApiApp, worker: ChildApp) => Promise<T>,
): Promise<{ result: T; profiles: Array<{ name: string; path: string; skipMs: number }> }> {
  const api = await startApi({ databaseUrl, workDir: context.workDir, cpuProfile: options.cpuProfile });
  let worker: ChildApp | undefined;
  const profiles: Array<{ name: string; path: string; skipMs: number }> = [];
  try {
    worker = await startWorker({
      databaseUrl,
      workDir: context.workDir,
      calcomUrl: sandboxUrl,
      calcomApiKey: SANDBOX_API_KEY,
      cpuProfile: options.cpuProfile,
      ...(options.wakeUps === "poll" ? { wakeUps: "poll" as const } : {}),
    });
    const client = await ApiClient.signedIn(api.url);
    return { result: await use(client, api, worker), profiles };
  } finally {
    for (const app of [worker, api]) {
      const path = await app?.stop();
      if (app && path) profiles.push({ name: app.name, path, skipMs: app.startupMs });
    }
  }
}

export const clickToSyncedBench: Bench = {
  id: "click",
  title: "Click to synced",
  async run(context) {
    const started = Date.now();
    const syncs = context.quick ? 30 : SYNCS;
    const baselineSyncs = context.quick ? 3 : BASELINE_SYNCS;
    const databaseUrl = await context.db.fresh("bench_click");
    const sandbox = await startSandbox();
    const notes: string[] = [];
    const appendix: string[] = [];
    try {
      const ids = await catalogueServiceIds(databaseUrl, 1, WARM_UP + syncs);
      context.log(`click: ${syncs} syncs through the api over HTTP, worker as shipped`);
      const { result: product } = await withStack(context, databaseUrl, sandbox.url, { wakeUps: "notify" }, (client) =>
        clickInTurn(client, ids, WARM_UP, 30_000),
      );
      const breakdown = await phases(databaseUrl, ids.slice(WARM_UP));

      const baselineIds = await catalogueServiceIds(databaseUrl, WARM_UP + syncs + 1, baselineSyncs);
      context.log(`click: ${baselineSyncs} syncs with the worker on Agenda's default polling`);
      const { result: baseline } = await withStack(context, databaseUrl, sandbox.url, { wakeUps: "poll" }, (client) =>
        clickAtRandom(client, baselineIds, 2 * AGENDA_DEFAULT_POLL_MS, 30_000),
      );
      const floor = await patchFloor(sandbox.url, 70_009_999, context.quick ? 20 : FLOOR_CALLS);

      const total = distribution(product.total);
      const base = distribution(baseline.total);
      const mutation = distribution(product.mutation);
      const baseMutation = distribution(baseline.mutation);
      const figures: Figure[] = [
        { label: "click to synced: p50", value: total.p50, unit: "ms", baseline: base.p50 },
        { label: "click to synced: p95", value: total.p95, unit: "ms", baseline: base.p95, target: { op: "<=", value: TARGET_P95_MS } },
        { label: "click to synced: p99", value: total.p99, unit: "ms", baseline: base.p99 },
        { label: "service.sync answered (toast shown): p50", value: mutation.p50, unit: "ms", baseline: baseMutation.p50 },
        { label: "service.sync answered (toast shown): p95", value: mutation.p95, unit: "ms", baseline: baseMutation.p95 },
      ];
      notes.push(
        `Where the time went (p50 / p95): request to handler start (service.sync's transaction and enqueue, job pickup, the handler loading the service) ${breakdown.queued.p50.toFixed(1)} / ${breakdown.queued.p95.toFixed(1)} ms; the PATCH to the sandbox ${breakdown.patch.p50.toFixed(1)} / ${breakdown.patch.p95.toFixed(1)} ms; the rest is recording the outcome and the next status poll (every ${POLL_MS} ms).`,
        `Floor: the same PATCH sent straight from the Cal.com client to the sandbox takes p50 ${floor.p50.toFixed(1)} ms / p95 ${floor.p95.toFixed(1)} ms, so click to synced is ${(total.p50 / floor.p50).toFixed(1)}x the bare Cal.com call at p50.`,
      );

      if (total.p95 > TARGET_P95_MS || context.profile) {
        const profileIds = await catalogueServiceIds(databaseUrl, WARM_UP + syncs + baselineSyncs + 3, 100);
        context.log("click: profiling api and worker");
        const { profiles } = await withStack(context, databaseUrl, sandbox.url, { wakeUps: "notify", cpuProfile: true }, (client) =>
          clickInTurn(client, profileIds, 0, 30_000),
        );
        for (const profile of profiles) {
          appendix.push(...renderProfile(`CPU profile of the ${profile.name} (start-up left out), 100 clicks`, summariseProfile(profile.path, profile.skipMs)));
        }
      }
      return {
        id: "click",
        title: clickToSyncedBench.title,
        method: [
          `The api (apps/api, LOG_LEVEL info) and the worker (apps/worker as shipped) run as their own processes on the benchmark database; the Cal.com sandbox answers without added latency (and without a reachable rate limit).`,
          `Signed in as the demo admin over HTTP, for each of ${syncs} catalogue services (after ${WARM_UP} warm-up clicks): POST \`service.sync\`, then GET \`service.byId\` every ${POLL_MS} ms until it reports \`synced\`. Figure = click to the response that shows \`synced\`.`,
        ],
        baseline: `the same clicks with the worker on Agenda's default polling (no wake-ups, processEvery 5 s; bench/src/procs/sync-worker.ts running the worker's sync handler): ${baselineSyncs} syncs to keep the run short, clicked at random moments over two poll intervals (in turn, each click would land just after a poll and wait a whole interval).`,
        figures,
        notes,
        appendix,
        durationMs: Date.now() - started,
      };
    } finally {
      await sandbox.stop();
      await context.db.drop("bench_click");
    }
  },
};
