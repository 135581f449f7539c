import autocannon from "autocannon";
import { ApiClient } from "../lab/api-client";
import { CATALOGUE_SIZE, LIST_QUERY } from "../lab/catalogue";
import { catalogueServiceIds } from "../lab/catalogue-db";
import { CpuMeter, cpuPerUnit, describeCores, ownCpuSeconds, postmasterPid, treeCpuSeconds } from "../lab/cpu";
import { type ListPlanTimes, timeListPlans } from "../lab/list-plan";
import { describeMachine } from "../lab/machine";
import { renderStatements, resetStatements, type StatementStat, topStatements } from "../lab/pg-stats";
import { type ApiApp, startApi } from "../lab/processes";
import { type ProfileSummary, renderProfile, summariseProfile } from "../lab/profile";
import { type Bench, type BenchContext, type Figure, meets } from "../report/result";
import { type Distribution, distribution } from "../report/stats";

const RATE = 1_000;
const RATE_CONNECTIONS = 50;
const MAX_CONNECTIONS = 10;
const SECONDS = 10;
const TARGETS = { listP95: 20, byIdP95: 10, listRate: RATE };

interface LoadResult {
  latency: Distribution;
  /** Every response, failures included. */
  responses: number;
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
        resolve({ latency: distribution(latencies), responses: latencies.length + failures, rate: latencies.length / result.duration, failures, cores });
      },
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      if (status >= 200 && status < 300) latencies.push(responseTime);
      else failures++;
    });
  });
}

function describe(result: LoadResult): string {
  return `${result.rate.toFixed(0)} req/s, p50 ${result.latency.p50.toFixed(1)} ms, p95 ${result.latency.p95.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms, ${result.failures} failed; cores used: ${describeCores(result.cores)}; CPU per response: ${cpuPerUnit(result.cores, result.rate).parts}`;
}

const ENDPOINTS = ["me", "list", "byId"] as const;
type Endpoint = (typeof ENDPOINTS)[number];

function requestFor(client: ApiClient, endpoint: Endpoint, byIdTarget: string) {
  if (endpoint === "me") return client.queryRequest("auth.me", undefined);
  if (endpoint === "list") return client.queryRequest("service.list", LIST_QUERY);
  return client.queryRequest("service.byId", { id: byIdTarget });
}

interface EndpointResult {
  rated: LoadResult;
  max: LoadResult;
  statements: StatementStat[];
}

async function measure(context: BenchContext, api: ApiApp, databaseUrl: string, client: ApiClient, byIdTarget: string, seconds: number) {
  const results = {} as Record<Endpoint, EndpointResult>;
  for (const endpoint of ENDPOINTS) {
    const request = requestFor(client, endpoint, byIdTarget);
    // Warm-up: JIT, connection pools, PostgreSQL's caches.
    await load(api, request.path, request.headers, { seconds: 2, connections: MAX_CONNECTIONS });
    await resetStatements(databaseUrl);
    context.log(`api: ${endpoint} at ${RATE} req/s for ${seconds} s`);
    const rated = await load(api, request.path, request.headers, { seconds, rate: RATE, connections: RATE_CONNECTIONS });
    context.log(`api: ${endpoint} flat out (${MAX_CONNECTIONS} connections) for ${seconds} s`);
    const max = await load(api, request.path, request.headers, { seconds, connections: MAX_CONNECTIONS });
    results[endpoint] = { rated, max, statements: await topStatements(databaseUrl, 4) };
  }
  return results;
}

/** A CPU profile of a fresh api serving one endpoint at the fixed rate. */
async function profileEndpoint(context: BenchContext, databaseUrl: string, endpoint: Endpoint, byIdTarget: string, seconds: number): Promise<ProfileSummary | undefined> {
  context.log(`api: profiling the api under ${endpoint} load`);
  const api = await startApi({ databaseUrl, workDir: context.workDir, cpuProfile: true });
  let profile: string | undefined;
  try {
    const client = await ApiClient.signedIn(api.url);
    const request = requestFor(client, endpoint, byIdTarget);
    await load(api, request.path, request.headers, { seconds, rate: RATE, connections: RATE_CONNECTIONS });
  } finally {
    profile = await api.stop();
  }
  return profile ? summariseProfile(profile, api.startupMs) : undefined;
}

const LABELS: Record<Endpoint, string> = { me: "auth.me", list: "service.list", byId: "service.byId" };

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
        results = await measure(context, api, databaseUrl, client, byIdTarget, seconds);
      } finally {
        await api.stop();
      }
      for (const endpoint of ENDPOINTS) {
        const { rated, max, statements } = results[endpoint];
        appendix.push(...renderStatements(`Statements behind ${LABELS[endpoint]}`, statements, rated.responses + max.responses));
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
        `The list statements alone (EXPLAIN ANALYZE, median of 20, no other load): page ${plans.page.toFixed(2)} ms, count ${plans.count.toFixed(2)} ms: three ILIKEs on every synced row of the company. ` +
          `Searching one expression (name || ' ' || slug || ' ' || description) with a trigram GIN index on it (pg_trgm; tried on the benchmark's copy, then dropped): page ${plans.indexedPage.toFixed(2)} ms, count ${plans.indexedCount.toFixed(2)} ms.`,
      );

      const missed = figures.some((figure) => meets(figure) === false);
      if (missed || context.profile) {
        const profiles = {} as Record<Endpoint, ProfileSummary | undefined>;
        for (const endpoint of ENDPOINTS) {
          profiles[endpoint] = await profileEndpoint(context, databaseUrl, endpoint, byIdTarget, Math.min(seconds, 5));
          const summary = profiles[endpoint];
          if (summary) appendix.push(...renderProfile(`CPU profile of the api (start-up left out), ${LABELS[endpoint]} at ${RATE} req/s`, summary));
        }
        if (missed) notes.push(...whatWouldMoveIt(results, profiles, plans));
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

function share(summary: ProfileSummary | undefined, pick: (name: string) => boolean, of: "byPackage" | "byFunction"): string {
  if (!summary) return "n/a";
  return `${(summary[of].filter((entry) => pick(entry.name)).reduce((sum, entry) => sum + entry.share, 0) * 100).toFixed(0)}%`;
}

/** The reading of the figures, profiles and statements when a target is missed. */
function whatWouldMoveIt(results: Record<Endpoint, EndpointResult>, profiles: Record<Endpoint, ProfileSummary | undefined>, plans: ListPlanTimes): string[] {
  const cores = describeMachine().nproc;
  const budget = (cores * 1000) / RATE;
  const cost = (endpoint: Endpoint) => cpuPerUnit(results[endpoint].rated.cores, results[endpoint].rated.rate);
  const database = (endpoint: Endpoint) => share(profiles[endpoint], (name) => /^(@mikro-orm\/|kysely$|pg$|pg-|postgres-)/.test(name), "byPackage");
  const logging = (endpoint: Endpoint) => share(profiles[endpoint], (name) => /^(pino|pino-http|sonic-boom|@pinojs\/)/.test(name), "byPackage");
  return [
    `Budget: at ${RATE} req/s, ${cores} cores leave ${budget.toFixed(1)} ms of CPU per response for the api, PostgreSQL and the load generator together. Measured per response: auth.me ${cost("me").totalMs.toFixed(2)} ms, service.byId ${cost("byId").totalMs.toFixed(2)} ms, service.list ${cost("list").totalMs.toFixed(1)} ms. Latency targets at this rate are out of reach on this machine for anything above the budget: requests queue.`,
    `service.list: PostgreSQL runs two statements per request (page and count) that each apply three ILIKEs to every synced row of the company (see the statements below); searching one joined expression with a trigram GIN index cut them from ${plans.page.toFixed(1)} + ${plans.count.toFixed(1)} ms to ${plans.indexedPage.toFixed(1)} + ${plans.indexedCount.toFixed(1)} ms (a migration in packages/db and the matching filter in the list handler). In the api, the database layer (MikroORM, its Kysely query builder and the pg driver, socket writes included) takes ${database("list")} of the CPU, most of it building 50 entities and their company per page: reading the page as plain rows (a projection, no identity map) would cut most of that.`,
    `Every endpoint: the request log (pino-http logs every request and response header, redacted; pino, pino-http, @pinojs/redact, sonic-boom) takes ${logging("me")} of the api's CPU for auth.me and ${logging("byId")} for service.byId; the database layer resolving the session (user and company joined, through MikroORM) takes ${database("me")} of auth.me's. Logging fewer fields, and caching the session lookup for a few seconds, would lower the floor that every signed-in call pays.`,
  ];
}
