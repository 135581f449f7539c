import type { Agenda } from "@askpro/jobs";
import type { WorkerEnv } from "../env";
import type { Logger } from "../logger";

export interface JobDependencies {
  env: WorkerEnv;
  logger: Logger;
}

/** Defines one kind of job on the worker's Agenda. */
export type JobRegistration = (agenda: Agenda, dependencies: JobDependencies) => void;

/**
 * Every job this worker handles. The Cal.com sync (`calcom.update-event-type`) and the reconciler
 * (`calcom.reconcile-pending`) are registered here once their handlers exist; until then the
 * worker connects, starts and stops with no job to run.
 */
export const jobRegistrations: JobRegistration[] = [];

export function registerJobs(agenda: Agenda, dependencies: JobDependencies): void {
  for (const register of jobRegistrations) register(agenda, dependencies);
}
