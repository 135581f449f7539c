import type { SyncOutcome } from "@askpro/api";
import { type CalcomSandbox, type SandboxRequest, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApiAndWorker } from "./support/apps";
import { ADMIN_EMAIL, DEMO_PASSWORD, findService, historyOf, SANDBOX_DEMO_KEY, SCHNELLBERATUNG, serviceById } from "./support/demo";
import { recordFigures, syncRequested } from "./support/figures";
import type { AppProcess } from "./support/processes";
import { ApiSession } from "./support/trpc-http";
import { sleep } from "./support/wait";

const TEAM_PATCH = "PATCH /v2/teams/{teamId}/event-types/{eventTypeId}";
const CALCOM_ANSWERS_AFTER_MS = 30_000;
/** The Cal.com client's default, which the worker runs with: nothing here overrides it. */
const CLIENT_TIMEOUT_MS = 10_000;
const TIMEOUT_REASON = "Cal.com did not answer in time (timeout)";
/** SYNC_RETRY_POLICY's first delay is one minute, shortened by up to 20 % of jitter: the worker runs with it unchanged. */
const FIRST_RETRY_WITHIN_MS = 60_000;

interface Observation {
  atMs: number;
  syncStatus: string;
  outcome: string | null;
  /** Whether Cal.com had by then answered 2xx to a PATCH the worker was still waiting for. */
  answered: boolean;
}

describe("Cal.com answering after 30 s", () => {
  let db: TestOrm;
  let sandbox: CalcomSandbox;
  let api: RunningApi | undefined;
  let worker: AppProcess | undefined;

  beforeAll(async () => {
    [db, sandbox] = await Promise.all([createTestOrm({ seed: true }), startCalcomSandbox()]);
    const env = { DATABASE_URL: db.url, CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: SANDBOX_DEMO_KEY };
    ({ api, worker } = await startApiAndWorker(env, { ...env, LOG_LEVEL: "debug" }));
  });
  afterAll(async () => {
    await Promise.all([api?.process.stop(), worker?.stop()]);
    await Promise.all([sandbox?.stop(), db?.close()]);
  });

  it("times out at 10 s, retries, and the status tells the truth at every moment", async ({ task }) => {
    if (!api || !worker) throw new Error("the stack did not start");
    const figures = { scenario: "Cal.com answering after 30 s", injected: 0, survived: 0, syncsRequested: 0, syncsLost: 0, details: {} as Record<string, number> };
    recordFigures(task, figures);
    const admin = new ApiSession(api.url);
    await admin.signIn(ADMIN_EMAIL, DEMO_PASSWORD);
    const service = await findService(admin, SCHNELLBERATUNG);
    const patches = (): SandboxRequest[] => sandbox.requests.filter((request) => request.method === "PATCH");

    sandbox.setFault(TEAM_PATCH, { kind: "latency", ms: CALCOM_ANSWERS_AFTER_MS });
    figures.injected++;
    const start = Date.now();
    const queued = await admin.mutation<SyncOutcome>("service.sync", { id: service.id });
    syncRequested(figures);
    expect(queued.data).toMatchObject({ outcome: "queued" });

    // Watch the service as the page does, until it settles or the retry window has passed.
    const observations: Observation[] = [];
    let cleared = false;
    const deadline = start + CLIENT_TIMEOUT_MS + FIRST_RETRY_WITHIN_MS + 15_000;
    while (Date.now() < deadline) {
      const [attempt] = await historyOf(admin, service.id);
      const { syncStatus } = await serviceById(admin, service.id);
      // Read after the status: an answer arriving in between only makes this check stricter. The first
      // PATCH is the one the worker gave up on, so its late answer does not count.
      const answered = patches().slice(1).some((patch) => patch.status !== undefined && patch.status >= 200 && patch.status < 300);
      observations.push({ atMs: Date.now() - start, syncStatus, outcome: attempt?.outcome ?? null, answered });
      if (!cleared && attempt?.outcome === "retrying") {
        expect(attempt).toMatchObject({ errorMessage: TIMEOUT_REASON, calcomErrorCode: "timeout", httpStatus: null });
        expect(syncStatus).toBe("pending");
        sandbox.clearFaults();
        cleared = true;
      }
      if (syncStatus !== "pending") break;
      await sleep(250);
    }

    const final = await serviceById(admin, service.id);
    figures.syncsLost = final.syncStatus === "synced" ? 0 : 1;
    expect(cleared).toBe(true);
    expect(final).toMatchObject({ syncStatus: "synced", syncError: null });

    // The truth at every moment: pending until Cal.com took the change, then synced; never anything else.
    const lies = observations.filter((seen) => (seen.syncStatus === "synced" ? !seen.answered : seen.syncStatus !== "pending"));
    expect(lies).toEqual([]);
    const firstSynced = observations.findIndex((seen) => seen.syncStatus === "synced");
    expect(observations.slice(firstSynced).every((seen) => seen.syncStatus === "synced")).toBe(true);
    expect(observations.some((seen) => seen.outcome === "retrying" && seen.syncStatus === "pending")).toBe(true);

    // One timed-out attempt after the client's 10 s, then one that Cal.com answered: two PATCHes in all.
    const [attempt] = await historyOf(admin, service.id);
    const [timedOut, succeeded] = attempt?.attempts ?? [];
    expect(attempt).toMatchObject({ outcome: "succeeded", httpStatus: 200, errorMessage: null, attemptNumber: 2 });
    expect(attempt?.attempts).toHaveLength(2);
    expect(timedOut).toMatchObject({ attempt: 1, httpStatus: null, errorCode: "timeout", errorMessage: TIMEOUT_REASON });
    expect(timedOut?.durationMs).toBeGreaterThanOrEqual(CLIENT_TIMEOUT_MS);
    expect(timedOut?.durationMs).toBeLessThan(CLIENT_TIMEOUT_MS + 2_000);
    expect(succeeded).toMatchObject({ attempt: 2, httpStatus: 200, errorCode: null, errorMessage: null });
    expect(patches()).toHaveLength(2);
    expect(patches()[1]?.body).toEqual(patches()[0]?.body);
    expect(sandbox.getEventType(3664712)?.title).toBe(SCHNELLBERATUNG);
    expect(worker.isRunning()).toBe(true);

    figures.details = {
      clientTimeoutMs: timedOut?.durationMs ?? 0,
      syncedAfterMs: observations[firstSynced]?.atMs ?? 0,
      statusChecks: observations.length,
    };
    figures.survived = figures.injected;
  });
});
