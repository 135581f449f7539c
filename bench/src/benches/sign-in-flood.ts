import { Agent, request } from "node:http";
import { ApiClient } from "../lab/api-client";
import { LIST_QUERY } from "../lab/catalogue";
import { type ApiApp, startApi } from "../lab/processes";
import { sleep } from "../lab/time";
import type { Bench, BenchContext, Figure } from "../report/result";
import { type Distribution, distribution } from "../report/stats";

const ADDRESSES = 10;
const SIGN_INS_PER_ADDRESS = 100;
/** Per address, as a client program would send them (autocannon's default): the next as soon as one is answered. */
const CONNECTIONS_PER_ADDRESS = 10;
/** The signed-in user's pace: a busy admin's page loads, far below what the api serves (api bench). */
const LIST_RATE = 20;
/** At least this long and at least as long as the flood, so the figure has samples enough either way. */
const MIN_WINDOW_MS = 5_000;
const TARGET_RATIO = 3;

/** 127.0.0.11, .12, ...: Linux answers the whole 127/8 on loopback, so each is a client address of its own. */
const clientAddress = (index: number) => `127.0.0.${11 + index}`;
type FloodShape = "connections" | "burst" | "batched";
/** Each flood from addresses of its own: the budgets of the addresses before are spent. */
const FIRST_ADDRESS: Record<FloodShape, number> = { connections: 0, burst: ADDRESSES, batched: 2 * ADDRESSES };

interface Sample {
  dueMs: number;
  ms: number;
  ok: boolean;
}

/** One response: status and when it came, from a given local address. */
function send(api: ApiApp, options: { path: string; method?: string; headers?: Record<string, string>; body?: string; agent?: Agent; localAddress?: string }): Promise<number> {
  const target = new URL(api.url);
  return new Promise((resolve) => {
    const outgoing = request(
      { host: target.hostname, port: target.port, path: options.path, method: options.method ?? "GET", headers: options.headers, agent: options.agent, localAddress: options.localAddress },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", () => resolve(0));
      },
    );
    outgoing.on("error", () => resolve(0));
    outgoing.end(options.body);
  });
}

/**
 * service.list at LIST_RATE, open loop (each request due at a fixed moment, latency from that moment),
 * until `until` resolves and at least MIN_WINDOW_MS have passed.
 */
async function listWhile(api: ApiApp, client: ApiClient, until: Promise<unknown>): Promise<Sample[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 20 });
  const { path, headers } = client.queryRequest("service.list", LIST_QUERY);
  const samples: Promise<Sample>[] = [];
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const start = performance.now();
  for (let i = 0; ; i++) {
    const dueMs = i * (1000 / LIST_RATE);
    if (done && dueMs >= MIN_WINDOW_MS) break;
    const wait = start + dueMs - performance.now();
    if (wait > 0) await sleep(wait);
    samples.push(send(api, { path, headers, agent }).then((status) => ({ dueMs, ms: performance.now() - start - dueMs, ok: status === 200 })));
  }
  const settled = await Promise.all(samples);
  agent.destroy();
  return settled;
}

interface Flood {
  /** Status code -> how many sign-ins got it. */
  statuses: Record<number, number>;
  durationMs: number;
}

/**
 * Sign-ins for accounts that do not exist, from each address: over CONNECTIONS_PER_ADDRESS keep-alive
 * connections ("connections"), all at once on a connection each ("burst"), or as one batch ("batched").
 */
async function flood(api: ApiApp, shape: FloodShape): Promise<Flood> {
  const started = performance.now();
  const requests: Promise<number>[] = [];
  const agents: Agent[] = [];
  const first = FIRST_ADDRESS[shape];
  for (let address = first; address < first + ADDRESSES; address++) {
    const localAddress = clientAddress(address);
    const agent = shape === "connections" ? new Agent({ keepAlive: true, maxSockets: CONNECTIONS_PER_ADDRESS }) : undefined;
    if (agent) agents.push(agent);
    const emails = Array.from({ length: SIGN_INS_PER_ADDRESS }, (_, i) => `flood-${address}-${i}@bench.test`);
    const post = (path: string, body: unknown) =>
      send(api, { path, method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), localAddress, agent });
    if (shape === "batched") {
      const input = Object.fromEntries(emails.map((email, i) => [i, { email, password: "wrong password" }]));
      requests.push(post(`/trpc/${emails.map(() => "auth.signIn").join(",")}?batch=1`, input));
    } else {
      for (const email of emails) requests.push(post("/trpc/auth.signIn", { email, password: "wrong password" }));
    }
  }
  const statuses: Record<number, number> = {};
  for (const status of await Promise.all(requests)) statuses[status] = (statuses[status] ?? 0) + 1;
  for (const agent of agents) agent.destroy();
  return { statuses, durationMs: performance.now() - started };
}

async function measure(api: ApiApp, client: ApiClient, shape: FloodShape | undefined) {
  let floodResult: Flood | undefined;
  const floodDone = shape === undefined ? sleep(MIN_WINDOW_MS) : flood(api, shape).then((result) => (floodResult = result));
  const samples = await listWhile(api, client, floodDone);
  await floodDone;
  // Only the requests due while the flood was in flight: the quiet tail after it would dilute the figure.
  const windowMs = floodResult?.durationMs ?? MIN_WINDOW_MS;
  const during = samples.filter((sample) => sample.dueMs <= windowMs);
  return { latency: distribution(during.filter((s) => s.ok).map((s) => s.ms)), failed: during.filter((s) => !s.ok).length, flood: floodResult };
}

const describeStatuses = (flood: Flood | undefined) =>
  flood
    ? Object.entries(flood.statuses)
        .map(([status, count]) => `${count} x ${status}`)
        .join(", ")
    : "";

const describeLatency = (latency: Distribution, failed: number) =>
  `${latency.count} answered, p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms, ${failed} failed`;

export const signInFloodBench: Bench = {
  id: "flood",
  title: "Signed-in users during an anonymous sign-in flood",
  async run(context: BenchContext) {
    const started = Date.now();
    const databaseUrl = await context.db.fresh("bench_flood");
    try {
      const api = await startApi({ databaseUrl, workDir: context.workDir });
      try {
        const client = await ApiClient.signedIn(api.url);
        context.log("flood: warm-up");
        await measure(api, client, undefined);
        context.log(`flood: service.list at ${LIST_RATE} req/s, quiet`);
        const quiet = await measure(api, client, undefined);
        context.log(`flood: service.list at ${LIST_RATE} req/s while ${ADDRESSES} addresses send ${SIGN_INS_PER_ADDRESS} sign-ins each over ${CONNECTIONS_PER_ADDRESS} connections`);
        const single = await measure(api, client, "connections");
        context.log("flood: the same, every sign-in at once on a connection of its own");
        const burst = await measure(api, client, "burst");
        context.log("flood: the same sign-ins as one batch per address");
        const batched = await measure(api, client, "batched");
        const figures: Figure[] = [
          { label: `service.list p95 during ${ADDRESSES * SIGN_INS_PER_ADDRESS} sign-ins from ${ADDRESSES} addresses`, value: single.latency.p95, unit: "ms", baseline: quiet.latency.p95 },
          {
            label: "service.list p95 during the flood / p95 without it",
            value: single.latency.p95 / quiet.latency.p95,
            unit: "x",
            target: { op: "<=", value: TARGET_RATIO },
          },
          { label: "service.list p99 during the flood", value: single.latency.p99, unit: "ms", baseline: quiet.latency.p99 },
          { label: `flood answered (all ${ADDRESSES * SIGN_INS_PER_ADDRESS} sign-ins)`, value: single.flood?.durationMs ?? Number.NaN, unit: "ms" },
          { label: "service.list p95 during the same sign-ins sent all at once", value: burst.latency.p95, unit: "ms", baseline: quiet.latency.p95 },
          { label: "flood sent all at once answered", value: burst.flood?.durationMs ?? Number.NaN, unit: "ms" },
          { label: `service.list p95 during ${ADDRESSES} batches of ${SIGN_INS_PER_ADDRESS} sign-ins`, value: batched.latency.p95, unit: "ms", baseline: quiet.latency.p95 },
          { label: "batched flood answered", value: batched.flood?.durationMs ?? Number.NaN, unit: "ms" },
        ];
        return {
          id: "flood",
          title: signInFloodBench.title,
          method: [
            "apps/api as its own process (as in the api benchmark), on a copy of the catalogue; the demo admin signed in.",
            `The signed-in user: service.list ${JSON.stringify(LIST_QUERY)} at ${LIST_RATE} req/s, open loop (each request due at a fixed moment, latency from that moment), over up to 20 keep-alive connections. Counted: the requests due while the flood was in flight (at least ${MIN_WINDOW_MS / 1000} s of them without a flood).`,
            `The flood: ${ADDRESSES} client addresses (127.0.0.11-${10 + ADDRESSES}, each a loopback source address of its own, so the api sees ${ADDRESSES} clients without TRUST_PROXY) each send ${SIGN_INS_PER_ADDRESS} anonymous sign-ins for e-mail addresses that do not exist, over ${CONNECTIONS_PER_ADDRESS} keep-alive connections, the next as soon as one is answered (${ADDRESSES * CONNECTIONS_PER_ADDRESS} in flight). Then, from ${ADDRESSES} other addresses each, the same sign-ins all at once on a connection each (1,000 connections opened in the same instant), and as one tRPC batch of ${SIGN_INS_PER_ADDRESS} per address (the attack of issue 12).`,
          ],
          baseline: `the same service.list load on the same server with no sign-ins (${describeLatency(quiet.latency, quiet.failed)}).`,
          figures,
          notes: [
            `During the flood: ${describeLatency(single.latency, single.failed)}. The sign-ins got ${describeStatuses(single.flood)}: 401 is a password checked and found wrong (at most 10 per address in 15 minutes), 429 a sign-in refused before any hash: by the throttle, or as busy (the hashing queue's places all held, or 10 sign-ins of the address already in flight). What the api can refuse from the address alone it answers before tRPC reads the request, and a second later (apps/api/src/auth/sign-in-gate.ts), so each of the 100 connections gets about one refusal a second.`,
            `During the flood sent all at once: ${describeLatency(burst.latency, burst.failed)}; the sign-ins got ${describeStatuses(burst.flood)}. Here the api's one event loop takes in a thousand connections and requests in the same instant, and a service.list that arrives among them waits its turn whatever they ask for: this is the cost of accepting that many connections and parsing their requests (the refused ones skip tRPC, the request log and compression), not of hashing.`,
            `During the batched flood: ${describeLatency(batched.latency, batched.failed)}. The batches got ${describeStatuses(batched.flood)}: a batch carries at most 10 calls and one auth.signIn.`,
          ],
          durationMs: Date.now() - started,
        };
      } finally {
        await api.stop();
      }
    } finally {
      await context.db.drop("bench_flood");
    }
  },
};
