/** Job names shared by the api (which enqueues) and the worker (which handles them). */
export const SYNC_JOB = "calcom.update-event-type";
export const RECONCILE_JOB = "calcom.reconcile-pending";
