import type { CalcomSandbox, SandboxRequest } from "@askpro/calcom/sandbox";
import type { StartedBulkSync } from "@askpro/sync";
import {
  BENCH_APP_SECRET,
  type BenchCompany,
  createBenchCompany,
  editSentField,
  inStepCount,
  runFinishedAt,
  runRepeatedCalls,
  untilDriftChecked,
} from "../lab/bench-companies";
import { CATALOGUE_SIZE, CATALOGUE_TEAM, catalogueFixture, FIRST_EVENT_TYPE_ID } from "../lab/catalogue";
import { type ChildApp, startWorker } from "../lab/processes";
import { SyncRequester } from "../lab/requester";
import { SANDBOX_API_KEY, SCALED_LIMIT, startSandbox } from "../lab/sandbox";
import { SyncedWatcher } from "../lab/synced-watcher";
import { nowMs, sleep } from "../lab/time";
import type { Bench, Figure } from "../report/result";
import { distribution } from "../report/stats";

const SERVICES = 1_000;
const CHANGED = 50;
const REQUESTS_TARGET = 60;
/** apps/worker processes as shipped, sharing every key's budget through PostgreSQL. */
const WORKERS = 2;
const CLICKS = 30;
const CLICK_P95_TARGET_MS = 1_000;
/** How often the clicked services' status is read, as a tight stand-in for the page's live status. */
const POLL_MS = 5;
/** The sandbox fixture's second team and its member, for company B. */
const OTHER_TEAM = 39204;
const OTHER_TEAM_USER = 1202;
const CATALOGUE_TEAM_USER = 1201;
const OTHER_FIRST_EVENT_TYPE_ID = 71_000_000;
/** No Cal.com request for this long: the workers' start-up drift checks are over. */
const QUIET_MS = 2_000;
/** The sandbox keeps this many requests in its log: every count below reads a slice of it. */
const SANDBOX_LOG_LIMIT = 5_000;

/** Each company's own key, added to the sandbox for the team's member. */
const KEYS = {
  changed: "cal_test_bench_sync_all_changed",
  busy: "cal_test_bench_company_a",
  clicking: "cal_test_bench_company_b",
};

interface StartedRun {
  started: StartedBulkSync;
  runId: string;
  /** nowMs() at "Sync now". */
  startedAt: number;
  /** How long startBulkSync itself took (planning, each request, the run's rows). */
  startSeconds: number;
  /** The sandbox's request count at "Sync now". */
  mark: number;
}

interface BulkOutcome extends StartedRun {
  /** From "Sync now" to the run's last sync finished. */
  seconds: number;
  synced: number;
  failed: number;
  /** What the sandbox received meanwhile, from every process. */
  requests: SandboxRequest[];
  /** What each of the run's syncs that called Cal.com more than once got. */
  repeated: string[];
}

/** "Sync all changed" of the company, as the api's service.bulkSync starts it; returns once the run is recorded. */
async function startRun(requester: SyncRequester, sandbox: CalcomSandbox, companyId: string): Promise<StartedRun> {
  const mark = sandbox.requests.length;
  const startedAt = nowMs();
  const started = await requester.startBulk({ companyId, selection: { changedOnly: true } });
  if (started.runId === null) throw new Error("the bulk run sent nothing");
  return { started, runId: started.runId, startedAt, startSeconds: (nowMs() - startedAt) / 1000, mark };
}

/** Waits until none of the run's syncs is pending, as its progress bar reads it. */
async function untilRunDone(requester: SyncRequester, sandbox: CalcomSandbox, databaseUrl: string, run: StartedRun, timeoutMs: number): Promise<BulkOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const items = (await requester.bulkRun(run.runId))?.items ?? [];
    if (items.every((item) => item.state !== "pending")) {
      return {
        ...run,
        seconds: ((await runFinishedAt(databaseUrl, run.runId)) - run.startedAt) / 1000,
        synced: items.filter((item) => item.state === "synced").length,
        failed: items.filter((item) => item.state === "failed").length,
        requests: sandboxRequestsSince(sandbox, run.mark),
        repeated: await runRepeatedCalls(databaseUrl, run.runId),
      };
    }
    if (Date.now() > deadline) throw new Error(`bulk run ${run.runId}: ${items.filter((item) => item.state === "pending").length} syncs still pending after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

async function bulkRun(requester: SyncRequester, sandbox: CalcomSandbox, databaseUrl: string, companyId: string, timeoutMs: number): Promise<BulkOutcome> {
  return untilRunDone(requester, sandbox, databaseUrl, await startRun(requester, sandbox, companyId), timeoutMs);
}

/** Waits until the sandbox received nothing for quietMs; false when that did not happen within timeoutMs. */
async function untilQuiet(sandbox: CalcomSandbox, quietMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let seen = sandbox.requests.length;
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(100);
    if (sandbox.requests.length !== seen) {
      seen = sandbox.requests.length;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return true;
  }
  return false;
}

function sandboxRequestsSince(sandbox: CalcomSandbox, mark: number): SandboxRequest[] {
  if (sandbox.requests.length >= SANDBOX_LOG_LIMIT) throw new Error(`the sandbox's request log is full (${SANDBOX_LOG_LIMIT}): counts would be short`);
  return sandbox.requests.slice(mark);
}

const rejected = (requests: readonly SandboxRequest[]) => requests.filter((request) => request.status === 429).length;

/** "1,000 PATCH of team 39203, 31 PATCH of team 39204": whose requests they were, by the team in the path. */
function describeRequests(requests: readonly SandboxRequest[]): string {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const team = /^\/v2\/teams\/(\d+)\//.exec(request.path)?.[1];
    const kind = `${request.method} ${request.path.includes("/event-types/") ? "of one event type" : "list"}${team ? ` of team ${team}` : ""}`;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, count]) => `${count.toLocaleString("en-US")} ${kind}`).join(", ") || "none";
}

/**
 * One click on "Sync" per service at a random moment of its own slot of spreadMs: from the request to
 * the first status read showing `synced`. A click that never got there counts as Infinity.
 */
async function spacedClicks(requester: SyncRequester, watcher: SyncedWatcher, company: BenchCompany, spreadMs: number, timeoutMs: number) {
  const slotMs = spreadMs / company.serviceIds.length;
  const clicks = await Promise.allSettled(
    company.serviceIds.map(async (id, index) => {
      await sleep((index + Math.random()) * slotMs);
      const clickedAt = nowMs();
      await requester.request(id, company.id);
      return (await watcher.synced(id, timeoutMs)) - clickedAt;
    }),
  );
  const failures = clicks.flatMap((click) => (click.status === "rejected" ? [String(click.reason)] : []));
  return { times: clicks.map((click) => (click.status === "fulfilled" ? click.value : Number.POSITIVE_INFINITY)), failures };
}

function describeRepeated(outcome: BulkOutcome): string {
  const paths = new Map<string, number>();
  for (const request of outcome.requests) if (request.method === "PATCH") paths.set(request.path, (paths.get(request.path) ?? 0) + 1);
  const twice = [...paths].filter(([, count]) => count > 1).map(([path, count]) => `${path} ${count} times`);
  // Neither the catalogue's nor company B's: the demo data's (its pending service, re-queued by the reconciler).
  const foreign = [...paths.keys()].filter((path) => {
    const id = Number(path.split("/").at(-1));
    return !(id > FIRST_EVENT_TYPE_ID && id <= FIRST_EVENT_TYPE_ID + CATALOGUE_SIZE) && !(id > OTHER_FIRST_EVENT_TYPE_ID && id <= OTHER_FIRST_EVENT_TYPE_ID + CATALOGUE_SIZE);
  });
  return (
    (foreign.length > 0 ? ` PATCHes of other event types meanwhile: ${foreign.slice(0, 5).join(", ")}.` : "") +
    (twice.length > 0 ? ` Event types PATCHed more than once meanwhile: ${twice.slice(0, 5).join(", ")}.` : "") +
    (outcome.repeated.length > 0 ? ` ${outcome.repeated.length} of the run's syncs called Cal.com more than once: ${outcome.repeated.slice(0, 3).join("; ")}.` : "")
  );
}

function describeFailures(failures: readonly string[]): string {
  if (failures.length === 0) return "";
  return ` ${failures.length} clicks did not reach synced (counted as never), e.g. ${failures.slice(0, 3).join("; ")}.`;
}

export const bulkCatalogueBench: Bench = {
  id: "catalogue",
  title: "Sync all changed, and clicks during another company's bulk run",
  async run(context) {
    const started = Date.now();
    const count = context.quick ? 200 : SERVICES;
    const changed = context.quick ? 10 : CHANGED;
    const clicks = context.quick ? 8 : CLICKS;
    const services = count.toLocaleString("en-US");
    /** A bulk run of `count` syncs at the key's rate. */
    const runMs = (count / SCALED_LIMIT.limit) * SCALED_LIMIT.windowMs;
    const runTimeoutMs = runMs * 3 + 60_000;
    const spreadMs = runMs * 0.8;

    const databaseUrl = await context.db.fresh("bench_catalogue");
    const fixture = catalogueFixture();
    for (let g = 1; g <= clicks; g++) {
      fixture.eventTypes.push({ id: OTHER_FIRST_EVENT_TYPE_ID + g, teamId: OTHER_TEAM, title: `Nord ${g}`, slug: `nord-${g}`, lengthInMinutes: 30 });
    }
    const sandbox = await startSandbox(SCALED_LIMIT, fixture);
    sandbox.addApiKey(KEYS.changed, CATALOGUE_TEAM_USER);
    sandbox.addApiKey(KEYS.busy, CATALOGUE_TEAM_USER);
    sandbox.addApiKey(KEYS.clicking, OTHER_TEAM_USER);
    const workers: ChildApp[] = [];
    let requester: SyncRequester | undefined;
    let watcher: SyncedWatcher | undefined;
    const figures: Figure[] = [];
    const notes: string[] = [];
    try {
      const changedCompany = await createBenchCompany(databaseUrl, { name: "Sync All Changed GmbH", slug: "bench-sync-all-changed", teamId: CATALOGUE_TEAM, apiKey: KEYS.changed, from: 1, count });
      const busy = await createBenchCompany(databaseUrl, { name: "Company A GmbH", slug: "bench-company-a", teamId: CATALOGUE_TEAM, apiKey: KEYS.busy, from: count + 1, count });
      const clicking = await createBenchCompany(databaseUrl, {
        name: "Company B GmbH",
        slug: "bench-company-b",
        teamId: OTHER_TEAM,
        apiKey: KEYS.clicking,
        from: 2 * count + 1,
        count: clicks,
        firstEventTypeId: OTHER_FIRST_EVENT_TYPE_ID,
      });
      for (let i = 0; i < WORKERS; i++) {
        workers.push(await startWorker({ databaseUrl, workDir: context.workDir, calcomUrl: sandbox.url, calcomApiKey: SANDBOX_API_KEY, env: { APP_SECRET: BENCH_APP_SECRET } }));
      }
      requester = await SyncRequester.open(databaseUrl);
      watcher = await SyncedWatcher.open(databaseUrl, POLL_MS);
      const companies = [changedCompany.id, busy.id, clicking.id];
      if (!(await untilDriftChecked(databaseUrl, companies, 60_000))) context.log("catalogue: the workers' start-up drift checks had not finished after 60 s; going on");
      // Each worker's start-up round checks every company: the second may come after the first marked all.
      if (!(await untilQuiet(sandbox, QUIET_MS, 30_000))) context.log(`catalogue: the sandbox was not quiet for ${QUIET_MS} ms within 30 s; going on`);

      // 1. Sync all changed. The baseline first: every service is changed (the catalogue's were never
      // synced as they are), so it sends all; it leaves them as a real sync does (synced_digest =
      // sent_digest, Cal.com holding their fields). Then an admin edits some, and the same button again.
      context.log(`catalogue: baseline, "Sync all changed" with all ${services} changed, ${WORKERS} workers at ${SCALED_LIMIT.limit} per ${SCALED_LIMIT.windowMs / 1000} s`);
      const all = await bulkRun(requester, sandbox, databaseUrl, changedCompany.id, runTimeoutMs);
      const inStep = await inStepCount(databaseUrl, changedCompany.serviceIds);
      const edited = changedCompany.serviceIds.filter((_, index) => index % Math.floor(count / changed) === 0).slice(0, changed);
      await editSentField(databaseUrl, edited);
      // An admin presses the button again some time later: on a fresh window of the key, not on what the
      // baseline left of its last one (which would add up to a window's wait, depending on where it stopped).
      await sleep(SCALED_LIMIT.windowMs + 1_000);
      context.log(`catalogue: "Sync all changed" with ${edited.length} of ${services} changed`);
      const few = await bulkRun(requester, sandbox, databaseUrl, changedCompany.id, runTimeoutMs);
      figures.push(
        {
          label: `sync all changed, ${edited.length} of ${services} changed: Cal.com requests`,
          value: few.requests.length,
          unit: "requests",
          baseline: all.requests.length,
          target: { op: "<=", value: REQUESTS_TARGET },
        },
        { label: `sync all changed, ${edited.length} of ${services} changed: "Sync now" to the run's last sync`, value: few.seconds, unit: "s", baseline: all.seconds },
      );
      notes.push(
        `Sync all changed, ${edited.length} of ${services} changed: ${few.started.requested} requested, skipped ${JSON.stringify(few.started.skipped)}; ${few.synced} synced, ${few.failed} failed; the sandbox received ${describeRequests(few.requests)} (${rejected(few.requests)} answered 429); startBulkSync returned after ${few.startSeconds.toFixed(2)} s.${describeRepeated(few)}`,
        `Baseline, all ${services} changed: ${all.started.requested} requested; ${all.synced} synced, ${all.failed} failed in ${all.seconds.toFixed(1)} s (startBulkSync returned after ${all.startSeconds.toFixed(2)} s; the key's rate alone needs ${((all.started.requested / SCALED_LIMIT.limit) * SCALED_LIMIT.windowMs / 1000).toFixed(0)} s); the sandbox received ${describeRequests(all.requests)} (${rejected(all.requests)} answered 429). Afterwards ${inStep} of ${services} were synced and in step.${describeRepeated(all)}`,
      );

      // 2. Company B's clicks, alone and then while company A's bulk run goes on another key.
      context.log(`catalogue: baseline, ${clicks} clicks of company B over ${(spreadMs / 1000).toFixed(0)} s, no bulk run`);
      const alone = await spacedClicks(requester, watcher, clicking, spreadMs, 30_000);
      context.log(`catalogue: company A's bulk run of ${services} services, and ${clicks} clicks of company B meanwhile`);
      // Clicks once the run is recorded: startBulkSync requests its services one by one before.
      const busyRun = await startRun(requester, sandbox, busy.id);
      const clicksDuring = spacedClicks(requester, watcher, clicking, Math.max(0, runMs - busyRun.startSeconds * 1000) * 0.8, runTimeoutMs);
      const busyOutcome = await untilRunDone(requester, sandbox, databaseUrl, busyRun, runTimeoutMs);
      const during = await clicksDuring;
      const duringRequests = sandboxRequestsSince(sandbox, busyRun.mark);
      const base = distribution(alone.times);
      const measured = distribution(during.times);
      figures.push(
        { label: "click to synced during another company's bulk run: p50", value: measured.p50, unit: "ms", baseline: base.p50 },
        { label: "click to synced during another company's bulk run: p95", value: measured.p95, unit: "ms", baseline: base.p95, target: { op: "<=", value: CLICK_P95_TARGET_MS } },
        { label: "429 answers during both cases", value: rejected(sandboxRequestsSince(sandbox, 0)), unit: "", target: { op: "<=", value: 0 } },
      );
      notes.push(
        `Company A's bulk run: ${busyOutcome.started.requested} requested, ${busyOutcome.synced} synced, ${busyOutcome.failed} failed in ${busyOutcome.seconds.toFixed(1)} s (startBulkSync returned after ${busyOutcome.startSeconds.toFixed(2)} s); company B's ${clicks} clicks began ${busyOutcome.startSeconds.toFixed(1)} s after "Sync now", once the run was recorded. The sandbox received meanwhile ${describeRequests(duringRequests)}.${describeRepeated(busyOutcome)}`,
        `Click to synced (ms), during the run: p50 ${measured.p50.toFixed(0)}, p95 ${measured.p95.toFixed(0)}, max ${measured.max.toFixed(0)}; alone: p50 ${base.p50.toFixed(0)}, p95 ${base.p95.toFixed(0)}, max ${base.max.toFixed(0)}.` +
          describeFailures([...alone.failures, ...during.failures]),
      );
    } finally {
      await watcher?.close();
      await requester?.close();
      for (const worker of workers) await worker.stop();
      await sandbox.stop();
      await context.db.drop("bench_catalogue");
    }
    return {
      id: "catalogue",
      title: bulkCatalogueBench.title,
      method: [
        `The sandbox allows ${SCALED_LIMIT.limit} requests per ${SCALED_LIMIT.windowMs / 1000} s per key (Cal.com's limit, ten times faster); ${WORKERS} apps/worker processes as shipped; three companies of their own, each with its own key: ${services} catalogue services for "Sync all changed", ${services} for company A (team ${CATALOGUE_TEAM}), ${clicks} for company B (team ${OTHER_TEAM}). Bulk runs start with \`startBulkSync\` (packages/sync, as the api's \`service.bulkSync\`) with \`{ changedOnly: true }\` (its syncs go to the bulk queue, \`calcom.bulk-update-event-type\`); a run is done when none of its syncs is pending.`,
        `Sync all changed: ${changed} services (evenly spread) get a sent field edited after a run that synced all ${services}; requests = everything the sandbox received from "Sync now" to the run's last sync; time = to the last sync's finish.`,
        `Clicks: \`requestSync\` as \`service.sync\` does, one per service of company B at a random moment of its own slot over 80% of a bulk run's expected length; click to synced = to the first status read (every ${POLL_MS} ms) showing \`synced\`.`,
      ],
      baseline: `for "Sync all changed", the same button on the same ${services} services when all of them are changed (all sent), just before; for the clicks, the same clicks of company B with no bulk run, just before.`,
      figures,
      notes,
      durationMs: Date.now() - started,
    };
  },
};
