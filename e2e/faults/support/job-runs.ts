import { BULK_SYNC_JOB, SYNC_JOB } from "@askpro/jobs";

/**
 * The runs of sync jobs one worker process made, read from Agenda's own run log (DEBUG=agenda:job on
 * stderr, written synchronously to the pipe, so a SIGKILL loses nothing already written).
 */
export interface JobRuns {
  /** Runs started, per job id. */
  started: Map<string, number>;
  /** Runs that never reached their final save: the process died during them. */
  unfinished: Map<string, number>;
}

/** A click's sync jobs and a bulk run's: the same work in two queues. Job ids are unique across both. */
const SYNC_JOBS = `(?:${[SYNC_JOB, BULK_SYNC_JOB].map((name) => name.replaceAll(".", "\\.")).join("|")})`;
const STARTED = new RegExp(`\\[${SYNC_JOBS}:([^\\]]+)\\] starting job`);
/** Agenda's last step of a run: the job's outcome (and lock release) saved, or the attempt to. */
const FINISHED = new RegExp(`\\[${SYNC_JOBS}:([^\\]]+)\\] was (?:not )?saved (?:successfully )?to database`);

export function jobRunsIn(output: string): JobRuns {
  const started = new Map<string, number>();
  const open = new Map<string, number>();
  for (const line of output.split("\n")) {
    const start = STARTED.exec(line)?.[1];
    if (start) {
      started.set(start, (started.get(start) ?? 0) + 1);
      open.set(start, (open.get(start) ?? 0) + 1);
      continue;
    }
    const finish = FINISHED.exec(line)?.[1];
    if (finish && (open.get(finish) ?? 0) > 0) open.set(finish, (open.get(finish) ?? 0) - 1);
  }
  return { started, unfinished: new Map([...open].filter(([, count]) => count > 0)) };
}

/** Adds up the runs of several processes. */
export function totalRuns(all: JobRuns[]): JobRuns {
  const add = (into: Map<string, number>, from: Map<string, number>) => {
    for (const [id, count] of from) into.set(id, (into.get(id) ?? 0) + count);
  };
  const total: JobRuns = { started: new Map(), unfinished: new Map() };
  for (const runs of all) {
    add(total.started, runs.started);
    add(total.unfinished, runs.unfinished);
  }
  return total;
}
