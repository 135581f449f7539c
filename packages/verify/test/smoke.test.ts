import { SYNC_JOB } from "@askpro/jobs";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { runCli } from "./support/run-cli";
import { result, SCHNELLBERATUNG_EVENT_TYPE, useTestSystem, verify } from "./support/system";
import { startWorkerProcess, type WorkerProcess } from "./support/worker-process";

const system = useTestSystem();
const TEAM_PATCH = "PATCH /v2/teams/{teamId}/event-types/{eventTypeId}";
let worker: WorkerProcess;
let workerJobs: string[] = [];

beforeAll(async () => {
  worker = startWorkerProcess(system.current.env);
  ({ jobs: workerJobs } = await worker.ready);
});

afterAll(async () => {
  await worker?.stop();
});

afterEach(async () => {
  system.current.sandbox.clearFaults();
  // A sync this test left running ends before the next test asks for one.
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const [row] = await system.current.sql<{ sync_status: string }>("SELECT sync_status FROM services WHERE calcom_event_type_id = ?", [
      SCHNELLBERATUNG_EVENT_TYPE,
    ]);
    if (row?.sync_status !== "pending") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

/** Until the worker registers the sync job, a smoke test can only time out: say so instead. */
function needsSyncJob(skip: (note: string) => void): void {
  if (!workerJobs.includes(SYNC_JOB)) skip(`the worker does not run ${SYNC_JOB} yet (registered jobs: ${workerJobs.join(", ") || "none"})`);
}

it("--smoke, as CI calls it: queues a real sync and reports how long it took", async ({ skip }) => {
  needsSyncJob(skip);
  const patchesBefore = system.current.sandbox.requests.filter((request) => request.endpoint === TEAM_PATCH).length;
  const run = await runCli(["--smoke", "--timeout", "30", "--json"], system.current.env);
  const report = JSON.parse(run.stdout);
  expect(result(report, "smoke")).toMatchObject({
    status: "pass",
    detail: expect.stringMatching(/^"15 Minuten Schnellberatung" synced with Cal\.com in \d+\.\d s$/),
  });
  expect(run.code).toBe(0);
  const patches = system.current.sandbox.requests.filter((request) => request.endpoint === TEAM_PATCH).slice(patchesBefore);
  expect(patches.map((request) => [request.path, request.status])).toEqual([[`/v2/teams/39203/event-types/${SCHNELLBERATUNG_EVENT_TYPE}`, 200]]);
  const [attempt] = await system.current.sql<{ requested_by_id: string | null; outcome: string }>(
    "SELECT requested_by_id, outcome FROM sync_attempts ORDER BY requested_at DESC LIMIT 1",
  );
  expect(attempt).toEqual({ requested_by_id: null, outcome: "succeeded" });
});

it("--smoke fails with the service's reason when the sync ends in error", async ({ skip }) => {
  needsSyncJob(skip);
  system.current.sandbox.setFault(TEAM_PATCH, { kind: "status", status: 403, message: "Forbidden for this team" });
  const check = result(await verify(system.current.env, { smoke: true, timeoutMs: 30_000 }), "smoke");
  const [service] = await system.current.sql<{ sync_status: string; sync_error: string }>(
    "SELECT sync_status, sync_error FROM services WHERE calcom_event_type_id = ?",
    [SCHNELLBERATUNG_EVENT_TYPE],
  );
  expect(service?.sync_status).toBe("error");
  expect(check.status).toBe("fail");
  expect(check.detail).toMatch(/^"15 Minuten Schnellberatung" ended in error after \d+\.\d s: /);
  expect(check.detail).toContain(service?.sync_error);
});

it("--smoke fails on timeout when Cal.com answers slower than the timeout", async ({ skip }) => {
  needsSyncJob(skip);
  system.current.sandbox.setFault(TEAM_PATCH, { kind: "latency", ms: 4_000 });
  const report = await verify(system.current.env, { smoke: true, timeoutMs: 1_500 });
  expect(result(report, "smoke")).toMatchObject({
    status: "fail",
    detail: expect.stringMatching(/^"15 Minuten Schnellberatung" still pending after 1\.\d s; a worker started it \(attempt 1\)$/),
    fix: "see the worker's log for calcom.update-event-type; raise --timeout if Cal.com is merely slow",
  });
  expect(report.ok).toBe(false);
});
