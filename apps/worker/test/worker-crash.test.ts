import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { hasLiveJob } from "@askpro/jobs";
import { describe, expect, it } from "vitest";
import { ASKPRO_TEAM, eventually, SCHNELLBERATUNG, sleep, STORES, TEAM_PATCH, useSyncTestbed } from "./support/testbed";

const WORKER_DIR = join(import.meta.dirname, "..");
/** Short, so that a crashed worker's sync is taken over within the test; production keeps the default. */
const LOCK_LIFETIME_MS = 1_000;

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<unknown>;
}

/** The worker as operators run it (tsx on the source), configured by its environment only. */
function spawnWorker(env: Record<string, string>): WorkerProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|JOBS_DB_URL|CALCOM_|APP_SECRET|NODE_ENV|ASKPRO_|JOBS_|RECONCILE_)/.test(key)),
  );
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: WORKER_DIR,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return { child, output: () => output, exited };
}

describe.each(STORES)("a worker killed mid-sync, with jobs in %s", (store) => {
  const testbed = useSyncTestbed(store);

  it("leaves no service stuck: after a restart the sync ends synced, on the same attempt row", async () => {
    const apiKey = testbed.freshKey();
    const env = {
      DATABASE_URL: testbed.databaseUrl,
      ...(testbed.jobsDbUrl ? { JOBS_DB_URL: testbed.jobsDbUrl } : {}),
      NODE_ENV: "test",
      CALCOM_API_URL: testbed.sandbox.url,
      CALCOM_API_KEY: apiKey,
      JOBS_LOCK_LIFETIME_MS: String(LOCK_LIFETIME_MS),
      LOG_LEVEL: "debug",
    };
    const service = await testbed.createService();
    // Cal.com is slow to answer the first PATCH: the worker is killed while it waits.
    testbed.sandbox.setFault(TEAM_PATCH, { kind: "latency", ms: 5_000 }, 1);
    const { attemptId, jobId } = await testbed.requestSync(service.id);

    const first = spawnWorker(env);
    try {
      await eventually(() => testbed.patches().length === 1, 20_000);
      first.child.kill("SIGKILL");
      await first.exited;
    } finally {
      first.child.kill("SIGKILL");
    }
    expect((await testbed.service(service.id)).syncStatus).toBe("pending");
    expect(await hasLiveJob(testbed.api, service.id)).toBe(true);
    // The call the dead worker had sent is on the attempt, without an answer: its outcome is unknown.
    const path = `/v2/teams/${ASKPRO_TEAM}/event-types/${SCHNELLBERATUNG}`;
    const [crashed] = await testbed.attempts(service.id);
    expect(crashed).toMatchObject({ id: attemptId, jobId, outcome: null, finishedAt: null });
    expect(crashed?.startedAt).toBeInstanceOf(Date);
    expect(crashed?.attemptLog).toEqual([
      { attempt: 1, method: "PATCH", path, startedAt: expect.any(String), finishedAt: null, durationMs: null, httpStatus: null, errorCode: null, errorMessage: null },
    ]);
    // The dead worker's lock must expire before another worker may take the job.
    await sleep(LOCK_LIFETIME_MS);

    const second = spawnWorker(env);
    try {
      const synced = await testbed.settled(service.id, 20_000);
      expect(synced).toMatchObject({ syncStatus: "synced", syncError: null });
      await eventually(async () => !(await hasLiveJob(testbed.api, service.id)));
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }

    // The same PATCH again (Cal.com's PATCH is idempotent), finishing the row the first run started.
    const patches = testbed.patches();
    expect(patches).toHaveLength(2);
    expect(patches[1]?.body).toEqual(patches[0]?.body);
    const attempts = await testbed.attempts(service.id);
    expect(attempts).toEqual([expect.objectContaining({ id: attemptId, jobId, outcome: "succeeded", attemptNumber: 1 })]);
    // Both calls are logged: the one cut short stays without an answer, the second has Cal.com's.
    expect(attempts[0]?.attemptLog).toEqual([
      expect.objectContaining({ method: "PATCH", path, finishedAt: null, httpStatus: null }),
      expect.objectContaining({ method: "PATCH", path, finishedAt: expect.any(String), httpStatus: 200 }),
    ]);
    for (const output of [first.output(), second.output()]) expect(output).not.toContain(apiKey);
    expect(second.output()).toContain('"msg":"synced with Cal.com"');
  });
});
