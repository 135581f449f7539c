/**
 * Each shortfall agenda-workarounds.ts makes up for, reproduced on plain Agenda 6 with the
 * PostgreSQL backend; then, where it can be shown, the product's Jobs without it. A test of the
 * first kind fails once an upgrade fixes the shortfall: then remove the workaround (and the test).
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { PostgresBackend, PostgresJobRepository } from "@agendajs/postgres-backend";
import { createTestDatabase, type TestDatabase } from "@askpro/db/testing";
import { Agenda, type AgendaBackend, Job } from "agenda";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useJobsStore } from "../test/support/stores";
import { eventually, gate, sleep } from "../test/support/wait";
import type { SpeedWorkaround } from "./agenda-workarounds";
import { defineSyncJob, enqueueSync, syncJob } from "./definitions/sync-job";

const JOB = "workaround.probe";

describe("Agenda 6.2.6 shortfalls, on plain Agenda", () => {
  let database: TestDatabase;
  let opened: { agenda: Agenda; backend: PostgresBackend }[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    // stop() closes nothing on an Agenda that never started, nor after stop(false).
    for (const { agenda, backend } of opened) {
      await agenda.stop(false).catch(() => undefined);
      await backend.disconnect();
    }
    opened = [];
    await database.drop();
  });

  async function plainAgenda(options: { notifications: boolean }): Promise<Agenda> {
    const backend = new PostgresBackend({ connectionString: database.url, disableNotifications: !options.notifications });
    const agenda = new Agenda({ backend, processEvery: "30 seconds" });
    opened.push({ agenda, backend });
    await agenda.ready;
    return agenda;
  }

  it("leaves a failed connect of its constructor unhandled, which ends the process (connectedBackend)", async () => {
    const script = `
      import { Agenda } from "agenda";
      import { PostgresBackend, PostgresJobRepository } from "@agendajs/postgres-backend";
      const agenda = new Agenda({ backend: new PostgresBackend({ connectionString: "postgres://nobody@127.0.0.1:1/none" }) });
      agenda.ready.then(() => console.log("ready"));
      setTimeout(() => console.log("still running"), 3000);`;
    const run = promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: import.meta.dirname, timeout: 10_000 });
    const outcome = await run.then(
      ({ stdout }) => ({ crashed: false, output: stdout }),
      (error: { stderr?: string }) => ({ crashed: true, output: error.stderr ?? "" }),
    );
    expect(outcome, "Agenda now handles a failed connect: remove connectedBackend's pre-connect from agenda-workarounds.ts").toMatchObject({
      crashed: true,
    });
    expect(outcome.output).toMatch(/ECONNREFUSED/);
  });

  it("leaves its pool without an error listener, so an idle connection's error would end the process (reportIdleConnectionErrors)", async () => {
    const agenda = await plainAgenda({ notifications: false });
    const repository = opened.find((entry) => entry.agenda === agenda)?.backend.repository;
    expect(repository).toBeInstanceOf(PostgresJobRepository);
    const listeners = (repository as PostgresJobRepository).getPool().listenerCount("error");
    expect(listeners, "the backend's pool now has an error listener: remove reportIdleConnectionErrors from agenda-workarounds.ts").toBe(0);
  });

  it("locks no next job when one finishes, so a backlog beyond the lock limit waits for the poll (wakeUpAfterOwnJobs)", async () => {
    const agenda = await plainAgenda({ notifications: true });
    const ran: number[] = [];
    agenda.define(JOB, async () => void ran.push(Date.now()), { concurrency: 1, lockLimit: 1 });
    for (let i = 0; i < 3; i++) await agenda.now(JOB, { i });
    await agenda.start();

    await eventually(() => ran.length >= 1);
    await sleep(1_500);
    expect(ran.length, "Agenda now locks the next job when one finishes: remove the completion wake-up from agenda-workarounds.ts").toBe(1);
  });

  it("publishes no wake-up for a retry, so it starts at the next poll rather than when due (wakeUpAfterOwnJobs)", async () => {
    const agenda = await plainAgenda({ notifications: true });
    let attempts = 0;
    agenda.define(
      JOB,
      async () => {
        attempts++;
        throw new Error("try again");
      },
      { backoff: () => 100 },
    );
    // Queued before start(), so the only look for jobs before the poll is start()'s own scan.
    await agenda.now(JOB, {});
    await agenda.start();

    await eventually(() => attempts >= 1);
    await sleep(1_500);
    expect(attempts, "Agenda now wakes up for a retry: remove the retry wake-up from agenda-workarounds.ts").toBe(1);
  });

  it("answers wake-ups arriving together with as many fills, which lock past the lock limit and hand jobs back (oneFillAtATime)", async () => {
    const backend = new PostgresBackend({ connectionString: database.url, channelName: "probe_wake_ups" });
    await backend.connect();
    let unlocks = 0;
    const repository = new Proxy(backend.repository, {
      get(target, key, receiver) {
        const member = Reflect.get(target, key, receiver);
        if (key !== "unlockJob" || typeof member !== "function") return member;
        return (...args: unknown[]) => {
          unlocks++;
          return member.apply(target, args);
        };
      },
    });
    const counted: AgendaBackend = { ...backendParts(backend), repository, connect: async () => undefined };
    const agenda = new Agenda({ backend: counted, processEvery: "30 seconds" });
    opened.push({ agenda, backend });
    await agenda.ready;
    const release = gate();
    agenda.define(JOB, () => release.promise, { concurrency: 2, lockLimit: 2 });
    await agenda.start();
    // Queued by a process whose channel is not connected, so without wake-ups of their own.
    const api = await plainAgenda({ notifications: false });
    for (let i = 0; i < 10; i++) await api.now(JOB, { i });

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const wakeUp = () => JSON.stringify({ jobId: randomUUID(), jobName: JOB, nextRunAt: new Date().toISOString(), priority: 0, timestamp: new Date().toISOString() });
    // Whether two fills overlap depends on scheduling, so a loaded machine gets several bursts to show it; a fixed Agenda shows it in none.
    for (let burst = 0; burst < 10 && unlocks === 0; burst++) {
      // Five wake-ups in one round trip (each its own, or PostgreSQL would deliver one), as a burst of enqueues would send them.
      await client.query(Array.from({ length: 5 }, () => `NOTIFY probe_wake_ups, '${wakeUp()}'`).join("; "));
      await sleep(500);
    }
    await client.end();
    release.open();

    expect(unlocks, "Agenda now answers wake-ups one fill at a time: remove oneFillAtATime from agenda-workarounds.ts").toBeGreaterThan(0);
  });

  it("keeps one job per key only by a read before its insert, so saves racing each other queue the key twice (live-job indexes)", async () => {
    const agenda = await plainAgenda({ notifications: false });
    const blocker = await holdJobsTable(database.url); // reads pass, inserts wait
    const save = () => agenda.create(JOB, { serviceId: "s1" }).unique({ "data.serviceId": "s1" }, { insertOnly: true }).schedule(new Date()).save();
    const saves = [save(), save()];
    await blocker.waitingFor(2); // both have looked for the key, found nothing, and wait to insert
    await blocker.release();
    await Promise.all(saves);

    const { jobs } = await agenda.queryJobs({ name: JOB });
    expect(jobs.length, "Agenda's unique() now holds under concurrency: drop the live-job indexes from agenda-workarounds.ts").toBe(2);
  });

  /** Plain Agenda over a repository that notes, after each call of `keys`, what `describe` makes of it (undefined: nothing). */
  async function recordingAgenda(keys: string[], describe: (key: string, args: unknown[], result: unknown) => string | undefined) {
    const backend = new PostgresBackend({ connectionString: database.url, disableNotifications: true });
    await backend.connect();
    const calls: string[] = [];
    const repository = new Proxy(backend.repository, {
      get(target, key, receiver) {
        const member = Reflect.get(target, key, receiver);
        if (typeof member !== "function" || !keys.includes(String(key))) return member;
        return async (...args: unknown[]) => {
          const result = await member.apply(target, args);
          const call = describe(String(key), args, result);
          if (call) calls.push(call);
          return result;
        };
      },
    });
    const agenda = new Agenda({ backend: { ...backendParts(backend), repository, connect: async () => undefined }, processEvery: "30 seconds" });
    opened.push({ agenda, backend });
    await agenda.ready;
    return { agenda, calls };
  }

  it("saves a finished job's state just before it deletes the job (removeOnSave)", async () => {
    const { agenda, calls } = await recordingAgenda(["saveJobState", "removeJobs"], (key, args) =>
      key === "saveJobState" ? `save${(args[0] as { lockedAt?: Date }).lockedAt ? " locked" : " unlocked"}` : "remove",
    );
    agenda.define(JOB, async () => undefined, { removeOnComplete: true });
    await agenda.now(JOB, {});
    await agenda.start();

    await eventually(() => calls.includes("remove"));
    expect(calls, "Agenda now removes a finished job without saving it first: remove removeOnSave from agenda-workarounds.ts").toEqual([
      "save locked",
      "save unlocked",
      "remove",
    ]);
  });

  it("saves a job's whole state when it starts it, right after locking it and before its handler runs (skipStartSave)", async () => {
    const { agenda, calls } = await recordingAgenda(["getNextJobToRun", "lockJob", "saveJobState"], (key, args, result) => {
      if (key === "saveJobState") return `save${(args[0] as { nextRunAt?: Date | null }).nextRunAt ? " due" : " not due"}`;
      return result ? "lock" : undefined;
    });
    agenda.define(JOB, async () => {
      calls.push("handler");
    });
    await agenda.now(JOB, {});
    await agenda.start();

    await eventually(() => calls.includes("handler"));
    expect(calls.slice(0, 3), "Agenda no longer saves a job when it starts it: remove skipStartSave from agenda-workarounds.ts").toEqual(["lock", "save not due", "handler"]);
  });

  it("writes back every field of a job it read when one is brought forward its public way, so a retry a worker recorded in between is lost (bringForwardWaitingJobs)", async () => {
    const agenda = await plainAgenda({ notifications: false });
    await agenda.schedule(new Date(Date.now() + 60_000), JOB, { serviceId: "s1" });
    // The public way to make a waiting job due now: read it, then Job.schedule(now).save().
    const [read] = (await agenda.queryJobs({ name: JOB })).jobs;
    if (!read) throw new Error("the job was not queued");
    // Meanwhile a worker ran it, and it failed: Agenda's processor records the retry (its state only).
    const retryAt = new Date(Date.now() + 3_600_000);
    await agenda.db.saveJobState({ ...read, lockedAt: undefined, nextRunAt: retryAt, failCount: 1, failReason: "Cal.com timed out", failedAt: new Date() }, undefined);
    await new Job(agenda, read).schedule(new Date()).save();

    const [stored] = (await agenda.queryJobs({ name: JOB })).jobs;
    expect(stored?.failCount ?? 0, "Agenda's save now leaves a recorded retry alone: bring jobs forward with queryJobs and save instead").toBe(0);
    expect(stored?.nextRunAt?.getTime()).toBeLessThan(retryAt.getTime());
  });

  it("keeps a job locked, running nowhere, when stop() lands while it is locking it (ShutdownGuard)", async () => {
    const api = await plainAgenda({ notifications: false });
    const job = await api.now(JOB, {});
    const worker = await plainAgenda({ notifications: false });
    let ran = false;
    worker.define(JOB, async () => {
      ran = true;
    });
    const blocker = await holdJobsTable(database.url);
    await worker.start();
    await blocker.waitingFor(1); // its first scan waits for the table
    await worker.stop(false);
    await blocker.release(); // the scan locks the job after stop() released what it knew of
    await sleep(500);

    const [stored] = (await api.queryJobs({ id: String(job.attrs._id) })).jobs;
    expect(stored?.lockedAt, "Agenda.stop() now covers a lock in flight: remove ShutdownGuard from agenda-workarounds.ts").toBeInstanceOf(Date);
    expect(ran).toBe(false);
  });
});

describe("the workarounds, on the product's Jobs", () => {
  const jobs = useJobsStore("postgres");

  it("hands back a job locked while stopping, for another worker to run at once", async () => {
    const api = await jobs.open({ name: "api" });
    const serviceId = randomUUID();
    await enqueueSync(api, { serviceId, attemptId: randomUUID() });
    const worker = await jobs.open({ name: "worker" });
    let ran = false;
    defineSyncJob(worker, async () => {
      ran = true;
    });
    const blocker = await holdJobsTable(jobs.databaseUrl());
    await worker.start();
    await blocker.waitingFor(1);
    const stopping = worker.stop({ drainTimeoutMs: 2_000 });
    await sleep(100);
    await blocker.release();
    await stopping;

    const [stored] = await api.list(syncJob(), { serviceId });
    expect(stored?.lockedAt ?? null).toBeNull();
    expect(stored?.nextRunAt).toBeInstanceOf(Date);
    expect(ran).toBe(false);
  });
});

describe("removeOnSave and skipStartSave, on the product's Jobs", () => {
  const jobs = useJobsStore("postgres");

  /** Runs one sync job on a worker of its own, counting the writes to Agenda's table by kind (from a trigger). */
  async function runOneJob(without: SpeedWorkaround[], handler: () => Promise<void>) {
    const worker = await jobs.open({ name: "worker", without });
    const client = new pg.Client({ connectionString: jobs.databaseUrl() });
    await client.connect();
    try {
      await client.query(`
        CREATE TABLE IF NOT EXISTS probe_writes (op text NOT NULL);
        TRUNCATE probe_writes;
        CREATE OR REPLACE FUNCTION probe_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO probe_writes VALUES (TG_OP); RETURN NULL; END $$;
        CREATE OR REPLACE TRIGGER probe_writes AFTER INSERT OR UPDATE OR DELETE ON agenda_jobs FOR EACH ROW EXECUTE FUNCTION probe_write();`);
      let finished = false;
      worker.onFinished(() => {
        finished = true;
      });
      defineSyncJob(worker, handler, { retry: { maxAttempts: 1, baseDelayMs: 100, maxDelayMs: 100, jitter: 0 } });
      await worker.start();
      const serviceId = randomUUID();
      await enqueueSync(worker, { serviceId, attemptId: randomUUID() });
      await eventually(() => finished);
      await sleep(200); // Agenda deletes a finished job after it reported it
      const stored = await worker.list(syncJob(), { serviceId });
      await worker.stop({ drainTimeoutMs: 1_000 });
      const { rows } = await client.query<{ op: string; n: string }>("SELECT op, count(*) AS n FROM probe_writes GROUP BY op");
      return { counted: Object.fromEntries(rows.map((row) => [row.op, Number(row.n)])), stored };
    } finally {
      await client.end();
    }
  }

  it("finishes a job that succeeded with one write, the delete, instead of a save and a delete", async () => {
    const without = await runOneJob(["removeOnSave"], async () => undefined);
    const withIt = await runOneJob([], async () => undefined);

    // Insert, lock, then (without) the save of the final state, and the delete.
    expect(without.counted).toEqual({ INSERT: 1, UPDATE: 2, DELETE: 1 });
    expect(withIt.counted).toEqual({ INSERT: 1, UPDATE: 1, DELETE: 1 });
    expect(withIt.stored).toEqual([]);
  });

  it("starts a job without saving it again after its lock (skipStartSave)", async () => {
    const without = await runOneJob(["skipStartSave"], async () => undefined);
    const withIt = await runOneJob([], async () => undefined);

    // Insert, lock, (without) the save at start, and the delete.
    expect(without.counted).toEqual({ INSERT: 1, UPDATE: 2, DELETE: 1 });
    expect(withIt.counted).toEqual({ INSERT: 1, UPDATE: 1, DELETE: 1 });
  });

  it("keeps a running job, not saved since its lock, live and due: a request meanwhile joins it, and a crash leaves it to be taken again (skipStartSave)", async () => {
    const worker = await jobs.open({ name: "worker" });
    const running = gate();
    const release = gate();
    defineSyncJob(worker, async () => {
      running.open();
      await release.promise;
    });
    await worker.start();
    const serviceId = randomUUID();
    const jobId = await enqueueSync(worker, { serviceId, attemptId: randomUUID() });
    await running.promise;

    const [stored] = await worker.list(syncJob(), { serviceId });
    // Locked (no one else takes it before the lock expires) and still due (taken again after, should this worker die).
    expect(stored?.lockedAt).toBeInstanceOf(Date);
    expect(stored?.nextRunAt).toBeInstanceOf(Date);
    expect(await enqueueSync(worker, { serviceId, attemptId: randomUUID() })).toBe(jobId);
    release.open();
    await eventually(async () => (await worker.list(syncJob(), { serviceId })).length === 0);
  });

  it("saves a job that failed for good as Agenda does, with its reason", async () => {
    const { counted, stored } = await runOneJob([], async () => {
      throw new Error("Cal.com rejected the API key (401)");
    });

    // Insert, lock, and the save of the failure.
    expect(counted).toEqual({ INSERT: 1, UPDATE: 2 });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.failReason).toBe("Cal.com rejected the API key (401)");
  });
});

function backendParts(backend: PostgresBackend): Omit<AgendaBackend, "repository" | "connect"> {
  return {
    name: backend.name,
    logger: backend.logger,
    notificationChannel: backend.notificationChannel,
    ownsConnection: false,
    disconnect: () => backend.disconnect(),
  };
}

/** Holds a lock on Agenda's table that lets reads through but makes locking a job wait. */
async function holdJobsTable(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("BEGIN; LOCK TABLE agenda_jobs IN EXCLUSIVE MODE");
  return {
    /** Waits until `count` other sessions wait for this lock, rather than guessing how long that takes on a loaded machine. */
    async waitingFor(count: number) {
      const waiting = async () => {
        const { rows } = await client.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'agenda_jobs'::regclass",
        );
        return (rows[0]?.n ?? 0) >= count;
      };
      await eventually(waiting);
    },
    async release() {
      await client.query("COMMIT");
      await client.end();
    },
  };
}
