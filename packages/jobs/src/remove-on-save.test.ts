import { randomUUID } from "node:crypto";
import type { Agenda, JobParameters } from "agenda";
import { describe, expect, it } from "vitest";
import { STORES, useJobsStore } from "../test/stores";
import { contextOf } from "./context";
import { SYNC_JOB } from "./names";
import { removeFinishedJobsOnSave } from "./remove-on-save";

describe.each(STORES)("removeFinishedJobsOnSave with jobs in %s", (store) => {
  const jobs = useJobsStore(store);

  async function storedJob(agenda: Agenda): Promise<JobParameters> {
    const job = await agenda.create(SYNC_JOB, { serviceId: randomUUID(), attemptId: randomUUID() }).save();
    const [stored] = (await agenda.queryJobs({ name: SYNC_JOB, id: String(job.attrs._id) })).jobs;
    if (!stored) throw new Error("job not stored");
    return stored;
  }

  const stillStored = async (agenda: Agenda, job: JobParameters) =>
    (await agenda.queryJobs({ name: SYNC_JOB, id: String(job._id) })).jobs[0];

  it("deletes a job that succeeded for good where Agenda would save it, and answers Agenda's delete that follows", async () => {
    const agenda = await jobs.open();
    const repository = removeFinishedJobsOnSave(contextOf(agenda).backend.repository, (name) => name === SYNC_JOB);
    const job = await storedJob(agenda);
    const lastRunAt = new Date(Date.now() - 1_000);
    const earlierFailure = new Date(lastRunAt.getTime() - 60_000);

    await repository.saveJobState({ ...job, lockedAt: undefined, nextRunAt: null, lastRunAt, lastFinishedAt: new Date(), failedAt: earlierFailure }, undefined);

    expect(await stillStored(agenda, job)).toBeUndefined();
    expect(await repository.removeJobs({ id: job._id })).toBe(1);
  });

  it("saves failed, retried and still running jobs, and jobs of definitions that keep theirs, as Agenda does", async () => {
    const agenda = await jobs.open();
    const repository = removeFinishedJobsOnSave(contextOf(agenda).backend.repository, (name) => name === SYNC_JOB);
    const keeping = removeFinishedJobsOnSave(contextOf(agenda).backend.repository, () => false);
    const lastRunAt = new Date(Date.now() - 1_000);
    const finishedAt = new Date();
    const states: Array<[Partial<JobParameters>, typeof repository]> = [
      [{ failedAt: finishedAt, failReason: "Cal.com said no", failCount: 1 }, repository],
      [{ failedAt: finishedAt, failReason: "Cal.com is down", failCount: 1, nextRunAt: new Date(Date.now() + 60_000) }, repository],
      [{ lockedAt: new Date() }, repository],
      [{}, keeping],
    ];
    for (const [state, wrapped] of states) {
      const job = await storedJob(agenda);
      await wrapped.saveJobState({ ...job, lockedAt: undefined, nextRunAt: null, lastRunAt, lastFinishedAt: finishedAt, ...state }, undefined);
      expect(await stillStored(agenda, job)).toMatchObject({ failReason: state.failReason });
    }
  });

  it("forgets an early delete once Agenda's delete came, and keeps only the newest when Agenda's deletes stop coming", async () => {
    const agenda = await jobs.open();
    const repository = removeFinishedJobsOnSave(contextOf(agenda).backend.repository, (name) => name === SYNC_JOB, 2);
    const lastRunAt = new Date(Date.now() - 1_000);
    const finish = async () => {
      const job = await storedJob(agenda);
      await repository.saveJobState({ ...job, lockedAt: undefined, nextRunAt: null, lastRunAt, lastFinishedAt: new Date() }, undefined);
      return job;
    };
    const answered = await finish();
    expect(await repository.removeJobs({ id: answered._id })).toBe(1);
    // Asked again, the store answers: the id was forgotten.
    expect(await repository.removeJobs({ id: answered._id })).toBe(0);

    const [oldest, middle, newest] = [await finish(), await finish(), await finish()];
    expect(await repository.removeJobs({ id: oldest?._id })).toBe(0);
    expect(await repository.removeJobs({ id: middle?._id })).toBe(1);
    expect(await repository.removeJobs({ id: newest?._id })).toBe(1);
  });
});
