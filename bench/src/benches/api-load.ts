import autocannon from "autocannon";
import { ApiClient } from "../lab/api-client";
import { CATALOGUE_SIZE, LIST_QUERY } from "../lab/catalogue";
import { catalogueServiceIds } from "../lab/catalogue-db";
import { CpuMeter, describeCores, ownCpuSeconds, postmasterPid, treeCpuSeconds } from "../lab/cpu";
import { timeListPlans } from "../lab/list-plan";
import { renderStatements, resetStatements, topStatements } from "../lab/pg-stats";
import { type ApiApp, startApi } from "../lab/processes";
import { renderProfile, summariseProfile } from "../lab/profile";
import type { Bench, BenchContext, Figure } from "../report/result";
import { type Distribution, distribution } from "../report/stats";

const RATE = 1_000;
const RATE_CONNECTIONS = 50;
const MAX_CONNECTIONS = 10;
const SECONDS = 10;
const TARGETS = { listP95: 20, byIdP95: 10, listRate: RATE };

interface LoadResult {
  latency: Distribution;
  /** Responses per second, 2xx only. */
  rate: number;
  failures: number;
  cores: Record<string, number>;
}

/** autocannon against one path; latencies recorded per response (its own histogram has no p95). */
function load(api: ApiApp, path: string, headers: Record<string, string>, options: { seconds: number; rate?: number; connections: number }): Promise<LoadResult> {
  const postgres = postmasterPid();
  const meter = new CpuMeter({
    api: () => treeCpuSeconds(api.pid),
    postgres: () => (postgres ? treeCpuSeconds(postgres) : Number.NaN),
    "autocannon (bench)": ownCpuSeconds,
  });
  const latencies: number[] = [];
  let failures = 0;
  return new Promise((resolve, reject) => {
    meter.start();
    const instance = autocannon(
      {
        url: api.url,
        connections: options.connections,
        duration: options.seconds,
        headers,
        requests: [{ path }],
        ...(options.rate ? { overallRate: options.rate } : {}),
      },
      (error, result) => {
        const cores = meter.stop();
        if (error) return reject(error);
        failures += result.errors + result.timeouts;
        resolve({ latency: distribution(latencies), rate: latencies.length / result.duration, failures, cores });
      },
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
      else failures++;
    });
  });
}

function describe(result: LoadResult): string {
  return `${result.rate.toFixed(0)} req/s, p50 ${result.latency.p50.toFixed(1)} ms, p95 ${result.latency.p95.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms, ${result.failures} failed; cores used: ${describeCores(result.cores)}`;
}

async function measure(context: BenchContext, api: ApiApp, client: ApiClient, byIdTarget: string, seconds: number) {
  const paths = {
    me: client.queryRequest("auth.me", undefined),
    list: client.queryRequest("service.list", LIST_QUERY),
    byId: client.queryRequest("service.byId", { id: byIdTarget }),
  };
  const results: Record<string, { rated: LoadResult; max: LoadResult }> = {};
  for (const [name, request] of Object.entries(paths)) {
    // Warm-up: JIT, connection pools, PostgreSQL's caches.
    await load(api, request.path, request.headers, { seconds: 2, connections: MAX_CONNECTIONS });
    context.log(`api: ${name} at ${RATE} req/s for ${seconds} s`);
    const rated = await load(api, request.path, request.headers, { seconds, rate: RATE, connections: RATE_CONNECTIONS });
    context.log(`api: ${name} flat out (${MAX_CONNECTIONS} connections) for ${seconds} s`);
    const max = await load(api, request.path, request.headers, { seconds, connections: MAX_CONNECTIONS });
    results[name] = { rated, max };
  }
  return results as Record<keyof typeof paths, { rated: LoadResult; max: LoadResult }>;
}

export const apiLoadBench: Bench = {
  id: "api",
  title: "API under load",
  async run(context) {
    const started = Date.now();
    const seconds = context.quick ? 3 : SECONDS;
    const databaseUrl = await context.db.fresh("bench_api");
    const notes: string[] = [];
    const appendix: string[] = [];
    try {
      const [byIdTarget] = await catalogueServiceIds(databaseUrl, 4_242, 1);
      if (!byIdTarget) throw new Error("catalogue service 4242 is missing");
      const api = await startApi({ databaseUrl, workDir: context.workDir });
      let results: Awaited<ReturnType<typeof measure>>;
      let page: Awaited<ReturnType<ApiClient["list"]>>;
      try {
        const client = await ApiClient.signedIn(api.url);
        page = await client.list(LIST_QUERY);
        await resetStatements(databaseUrl);
        results = await measure(context, api, client, byIdTarget, seconds);
        const listRequests = Math.round((results.list.rated.rate + results.list.max.rate) * seconds);
        notes.push(`pg stats were collected over the whole run; the table below divides calls by the ${listRequests} list requests only, as a guide.`);
        appendix.push(...renderStatements("Statements by database time, whole run", await topStatements(databaseUrl), listRequests));
      } finally {
        await api.stop();
      }
      const { me, list, byId } = results;
      const figures: Figure[] = [
        { label: `service.list at ${RATE} req/s: p50`, value: list.rated.latency.p50, unit: "ms", baseline: me.rated.latency.p50 },
        { label: `service.list at ${RATE} req/s: p95`, value: list.rated.latency.p95, unit: "ms", baseline: me.rated.latency.p95, target: { op: "<=", value: TARGETS.listP95 } },
        { label: `service.list at ${RATE} req/s: p99`, value: list.rated.latency.p99, unit: "ms", baseline: me.rated.latency.p99 },
        { label: `service.list at ${RATE} req/s: rate achieved`, value: list.rated.rate, unit: "req/s", baseline: me.rated.rate, target: { op: ">=", value: TARGETS.listRate * 0.98 } },
        { label: "service.list flat out: throughput", value: list.max.rate, unit: "req/s", baseline: me.max.rate },
        { label: "service.list flat out: p95", value: list.max.latency.p95, unit: "ms", baseline: me.max.latency.p95 },
        { label: `service.byId at ${RATE} req/s: p50`, value: byId.rated.latency.p50, unit: "ms", baseline: me.rated.latency.p50 },
        { label: `service.byId at ${RATE} req/s: p95`, value: byId.rated.latency.p95, unit: "ms", baseline: me.rated.latency.p95, target: { op: "<=", value: TARGETS.byIdP95 } },
        { label: `service.byId at ${RATE} req/s: p99`, value: byId.rated.latency.p99, unit: "ms", baseline: me.rated.latency.p99 },
        { label: "service.byId flat out: throughput", value: byId.max.rate, unit: "req/s", baseline: me.max.rate },
        { label: "service.byId flat out: p95", value: byId.max.latency.p95, unit: "ms", baseline: me.max.latency.p95 },
      ];
      notes.unshift(
        `The list query matches ${page.total} of the company's ${CATALOGUE_SIZE + 4} services; a page holds ${page.items.length}.`,
        `auth.me at ${RATE} req/s: ${describe(me.rated)}. Flat out: ${describe(me.max)}.`,
        `service.list at ${RATE} req/s: ${describe(list.rated)}. Flat out: ${describe(list.max)}.`,
        `service.byId at ${RATE} req/s: ${describe(byId.rated)}. Flat out: ${describe(byId.max)}.`,
      );

      const plans = await timeListPlans(databaseUrl);
      notes.push(
        `The list statements alone (EXPLAIN ANALYZE, median of 20, idle server): page ${plans.page.toFixed(2)} ms, count ${plans.count.toFixed(2)} ms. ` +
          `With trigram GIN indexes on name, slug and description (pg_trgm, tried on the benchmark's copy and dropped again): page ${plans.pageWithTrigrams.toFixed(2)} ms, count ${plans.countWithTrigrams.toFixed(2)} ms.`,
      );

      const missed = figures.some((figure) => figure.target && (figure.target.op === "<=" ? figure.value > figure.target.value : figure.value < figure.target.value));
      if (missed || context.profile) {
        context.log("api: profiling the api under service.list load");
        const profiled = await startApi({ databaseUrl, workDir: context.workDir, cpuProfile: true });
        let profile: string | undefined;
        try {
          const client = await ApiClient.signedIn(profiled.url);
          const request = client.queryRequest("service.list", LIST_QUERY);
          await load(profiled, request.path, request.headers, { seconds, rate: RATE, connections: RATE_CONNECTIONS });
        } finally {
          profile = await profiled.stop();
        }
        if (profile) appendix.push(...renderProfile(`CPU profile of the api (start-up left out), service.list at ${RATE} req/s`, summariseProfile(profile, profiled.startupMs)));
      }
      return {
        id: "api",
        title: apiLoadBench.title,
        method: [
          `apps/api as its own process (LOG_LEVEL info: pino-http logs every request to a file), on a copy of the catalogue: the demo company with ${CATALOGUE_SIZE} more services.`,
          `autocannon in the benchmark process over loopback, signed in as the demo admin, one path per run: at a fixed ${RATE} req/s (${RATE_CONNECTIONS} connections) and flat out (${MAX_CONNECTIONS} connections), ${seconds} s each after 2 s of warm-up. Latency = each response's time as autocannon saw it.`,
          `service.list input: ${JSON.stringify(LIST_QUERY)}; service.byId: one catalogue service.`,
        ],
        baseline: "`auth.me` on the same server with the same load: the cheapest signed-in tRPC call (session lookup, tRPC, Express, request log), so the ratio is what listing or loading a service adds.",
        figures,
        notes,
        appendix,
        durationMs: Date.now() - started,
      };
    } finally {
      await context.db.drop("bench_api");
    }
  },
};
