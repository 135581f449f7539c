import type { JobParameters, JobRepository, RemoveJobsOptions } from "agenda";

/**
 * Agenda finishes a successful one-time job with two writes: it saves the job's final state, then
 * (removeOnComplete) deletes it. For such a job the save is useless, so it deletes right away and
 * the delete that follows has nothing left to do: one statement per finished job instead of two.
 * Failed jobs, retries and other job kinds are saved as Agenda does.
 */
/**
 * Ids deleted early whose delete from Agenda has not come yet. Agenda sends it right after the save,
 * so this stays tiny; the bound only matters should Agenda stop sending it.
 */
const MAX_AWAITED_DELETES = 1_000;

export function removeFinishedJobsOnSave(
  repository: JobRepository,
  removesOnComplete: (jobName: string) => boolean,
  maxAwaitedDeletes = MAX_AWAITED_DELETES,
): JobRepository {
  const removed = new Set<string>();
  return new Proxy(repository, {
    get: (target, key, receiver) => {
      if (key === "saveJobState") {
        return async (job: JobParameters, options: Parameters<JobRepository["saveJobState"]>[1]) => {
          if (!job._id || !removesOnComplete(job.name) || !succeededForGood(job)) return target.saveJobState(job, options);
          const id = String(job._id);
          removed.add(id);
          // A timer per job to forget the id held tens of thousands of timers at full speed.
          if (removed.size > maxAwaitedDeletes) removed.delete(removed.values().next().value as string);
          await target.removeJobs({ id: job._id });
        };
      }
      if (key === "removeJobs") {
        return async (options: RemoveJobsOptions) => {
          const id = options.id === undefined ? undefined : String(options.id);
          if (id !== undefined && removed.delete(id) && Object.keys(options).length === 1) return 1;
          return target.removeJobs(options);
        };
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/**
 * The state Agenda saves after a run that succeeded, with nothing left to run: unlocked, no next
 * run, finished after it started, and not failed in this run (fail() sets failedAt and
 * lastFinishedAt together; a success leaves an earlier attempt's failedAt behind).
 */
function succeededForGood(job: JobParameters): boolean {
  const { lockedAt, nextRunAt, lastRunAt, lastFinishedAt, failedAt, repeatInterval, type } = job;
  if (lockedAt || nextRunAt || repeatInterval || type === "single" || !lastRunAt || !lastFinishedAt) return false;
  if (lastFinishedAt.getTime() < lastRunAt.getTime()) return false;
  return !failedAt || failedAt.getTime() < lastRunAt.getTime();
}
