import { type Jobs, jobsBackendDescription, SYNC_JOB, syncJob } from "@askpro/jobs";
import { type Check, fail, pass } from "../check";

/** A sync job due this long ago and not taken by any worker means no worker runs sync jobs from this store. */
const OVERDUE_AFTER_MS = 60_000;

export const jobStoreCheck: Check = {
  id: "job-store",
  title: "Job store reachable, sync jobs taken",
  needs: ["database"],
  async run(ctx) {
    const store = jobsBackendDescription(ctx.settings.jobsDbUrl);
    let queue: Jobs;
    try {
      queue = await ctx.jobs();
    } catch (error) {
      return fail((error as Error).message, "start the job store or correct JOBS_DB_URL (unset keeps jobs in PostgreSQL)");
    }
    const jobs = await queue.list(syncJob());
    const now = Date.now();
    const running = jobs.filter((job) => job.lockedAt).length;
    const waiting = jobs.filter((job) => !job.lockedAt && job.nextRunAt).length;
    const overdue = jobs.filter((job) => !job.lockedAt && job.nextRunAt && now - job.nextRunAt.getTime() > OVERDUE_AFTER_MS);
    const data = { store, running, waiting, overdue: overdue.length };
    if (overdue.length > 0) {
      const oldest = Math.max(...overdue.map((job) => now - (job.nextRunAt as Date).getTime()));
      return fail(
        `${store}: ${overdue.length} ${SYNC_JOB} job(s) due for up to ${Math.round(oldest / 1000)} s and not taken by any worker`,
        "run a worker with the same JOBS_DB_URL as the api; its log line \"worker ready\" must list calcom.update-event-type",
        data,
      );
    }
    return pass(`${store}: ${running} sync job(s) running, ${waiting} waiting`, data);
  },
};
