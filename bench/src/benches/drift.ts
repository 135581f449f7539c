import { type CalcomClient, createCalcomClient } from "@askpro/calcom";
import { loadFixture, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { calcomRateBudgetStore, Company, createOrm } from "@askpro/db";
import { checkDrift, DEFAULT_DRIFT_BUDGET_SHARE, type DriftCheckResult } from "@askpro/sync";
import { pino } from "pino";
import { CATALOGUE_TEAM, FIRST_EVENT_TYPE_ID } from "../lab/catalogue";
import { withClient } from "../lab/catalogue-db";
import { NO_RATE_LIMIT, SANDBOX_API_KEY } from "../lab/sandbox";
import { nowMs } from "../lab/time";
import type { Bench, Figure } from "../report/result";

const SERVICES = 1_000;
const QUICK_SERVICES = 200;
/** Checks measured after one warm-up (connections, JIT); the figure is their median. */
const CHECKS = 5;
const REQUESTS_TARGET = 2;
/** Cal.com's documented limit per key: what the baseline's request count would cost there. */
const CALCOM_LIMIT_PER_MINUTE = 120;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

export const driftBench: Bench = {
  id: "drift",
  title: "Drift check of one team's linked services against the Cal.com sandbox",
  async run(context) {
    const started = Date.now();
    const count = context.quick ? QUICK_SERVICES : SERVICES;
    const services = count.toLocaleString("en-US");
    const databaseUrl = await context.db.fresh("bench_drift");
    // The demo fixture plus one team event type per service: the team's list holds these and the demo's.
    const fixture = loadFixture();
    for (let g = 1; g <= count; g++) {
      fixture.eventTypes.push({ id: FIRST_EVENT_TYPE_ID + g, teamId: CATALOGUE_TEAM, title: `Bench ${g}`, slug: `bench-${g}`, lengthInMinutes: 30 });
    }
    const sandbox = await startCalcomSandbox({ fixture, rateLimit: NO_RATE_LIMIT });
    const orm = await createOrm(databaseUrl, { pool: { max: 4 } });
    const figures: Figure[] = [];
    const notes: string[] = [];
    try {
      // A company of the team holding exactly `count` of the catalogue's linked services.
      const em = orm.em.fork();
      const company = em.create(Company, { name: "Drift Bench GmbH", slug: "drift-bench", calcomTeamId: CATALOGUE_TEAM });
      await em.flush();
      await withClient(databaseUrl, (client) =>
        client.query("UPDATE services SET company_id = $1 WHERE calcom_event_type_id BETWEEN $2 AND $3", [company.id, FIRST_EVENT_TYPE_ID + 1, FIRST_EVENT_TYPE_ID + count]),
      );
      const calcom = { apiUrl: sandbox.url, apiKey: SANDBOX_API_KEY, appSecret: "bench-drift-app-secret-0123456789abcdef", rateBudget: calcomRateBudgetStore(orm) };
      const logger = pino({ level: "silent" });

      context.log(`drift: ${CHECKS + 1} drift checks of ${services} linked services (the first a warm-up)`);
      const checks: Array<Extract<DriftCheckResult, { outcome: "checked" }> & { wallMs: number }> = [];
      for (let i = 0; i <= CHECKS; i++) {
        const before = nowMs();
        const result = await checkDrift({ em: orm.em.fork(), logger, calcom }, company.id);
        const wallMs = nowMs() - before;
        if (result.outcome !== "checked") throw new Error(`drift check ${result.outcome}: ${JSON.stringify(result)}`);
        if (i > 0) checks.push({ ...result, wallMs });
      }
      const checkRejected = sandbox.requests.filter((request) => request.status === 429).length;
      const listCalls = sandbox.requests.filter((request) => request.method === "GET" && request.path === `/v2/teams/${CATALOGUE_TEAM}/event-types`).length;

      // The baseline: the same event types read one by one, as a per-service check would, through the same budget.
      context.log(`drift: baseline, ${services} one-by-one GETs`);
      let baselineRequests = 0;
      const client: CalcomClient = createCalcomClient({
        apiKey: SANDBOX_API_KEY,
        baseUrl: sandbox.url,
        rateBudget: calcomRateBudgetStore(orm),
        onRequest: () => {
          baselineRequests += 1;
        },
      });
      await client.getEventType(FIRST_EVENT_TYPE_ID + 1, { teamId: CATALOGUE_TEAM }); // warm-up, not counted
      baselineRequests = 0;
      const baselineStarted = nowMs();
      for (let g = 1; g <= count; g++) await client.getEventType(FIRST_EVENT_TYPE_ID + g, { teamId: CATALOGUE_TEAM });
      const baselineMs = nowMs() - baselineStarted;

      const requests = Math.max(...checks.map((check) => check.calcomRequests));
      const checkMs = median(checks.map((check) => check.wallMs));
      const last = checks.at(-1) as (typeof checks)[number];
      figures.push(
        { label: `Cal.com requests per drift check of ${services} services`, value: requests, unit: "requests", baseline: baselineRequests, target: { op: "<=", value: REQUESTS_TARGET } },
        { label: `time of one drift check of ${services} services (median of ${CHECKS})`, value: checkMs, unit: "ms", baseline: baselineMs },
        { label: "429 answers to the drift checks", value: checkRejected, unit: "", target: { op: "<=", value: 0 } },
      );
      notes.push(
        `Each check judged ${last.checked} services and wrote ${last.marked} marks in one statement (${last.counts.in_step} in step, ${last.counts.changed_in_calcom} changed in Cal.com: the catalogue's names differ from the fixture's titles, ${last.counts.missing_in_calcom} missing); checks took ${checks.map((check) => check.wallMs.toFixed(0)).join(", ")} ms; the sandbox saw ${listCalls} list calls of the team's ${fixture.eventTypes.filter((eventType) => eventType.teamId === CATALOGUE_TEAM).length} event types for the ${CHECKS + 1} checks.`,
        `The baseline only reads (${baselineRequests} GETs, ${(baselineMs / baselineRequests).toFixed(2)} ms each through the shared budget, one at a time, no limit); judging and writing the marks would come on top. ` +
          `At Cal.com's ${CALCOM_LIMIT_PER_MINUTE} requests a minute the baseline's ${baselineRequests} requests need at least ${(baselineRequests / CALCOM_LIMIT_PER_MINUTE).toFixed(1)} min of the key's whole budget, or ${(baselineRequests / (CALCOM_LIMIT_PER_MINUTE * DEFAULT_DRIFT_BUDGET_SHARE)).toFixed(0)} min within the drift check's share (DRIFT_BUDGET_SHARE ${DEFAULT_DRIFT_BUDGET_SHARE}); the check's ${requests} request${requests === 1 ? "" : "s"} fit in any window.`,
      );
    } finally {
      await orm.close();
      await sandbox.stop();
      await context.db.drop("bench_drift");
    }
    return {
      id: "drift",
      title: driftBench.title,
      method: [
        `${services} catalogue services moved to a company of team ${CATALOGUE_TEAM}, each linked to its own team event type in the sandbox (no rate limit); \`checkDrift\` (packages/sync, the job \`calcom.check-drift\`) in this process with the key's budget in PostgreSQL as the worker has it, run ${CHECKS + 1} times (the first a warm-up).`,
        "Requests = Cal.com requests the check sent (its own count, as its metric reports it); time = the whole check: loading the company's services, the list call, judging, writing the marks.",
      ],
      baseline: `the same ${services} event types read one by one (\`GET /v2/teams/${CATALOGUE_TEAM}/event-types/{id}\`, one at a time through the same shared budget), measured in the same run.`,
      figures,
      notes,
      durationMs: Date.now() - started,
    };
  },
};
