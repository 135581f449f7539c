import { companiesWithLinkedServices, countServicesByDrift, type Orm } from "@askpro/db";
import { checkDriftJob, enqueueDriftCheck, type Jobs, scheduleDriftChecksJob } from "@askpro/jobs";
import { type CalcomSettings, checkDrift } from "@askpro/sync";
import type { Logger } from "../logger";
import type { DriftCheckMetrics } from "../metrics/worker-metrics";

/** Cal.com has no webhook for event-type changes: how often each company's event types are read. */
export const DEFAULT_DRIFT_CHECK_INTERVAL_MS = 15 * 60_000;

export interface DriftJobsConfig {
  calcom: CalcomSettings;
  /** How often every company with a linked service is checked (DRIFT_CHECK_INTERVAL_MS). */
  intervalMs: number;
  /** Of each window of a key's rate budget, the share a check may take (DRIFT_BUDGET_SHARE); unset: checkDrift's default. */
  budgetShare?: number | undefined;
}

/**
 * Makes this worker run `calcom.check-drift` (checkDrift, packages/sync) and the recurring
 * `calcom.schedule-drift-checks`, which queues one check per company with a linked service every
 * `intervalMs`: one schedule however many workers register it. "Check Cal.com now" (the api) queues
 * the same check job, so a company never has two checks live at once.
 */
export async function registerDriftJobs(
  jobs: Jobs,
  deps: { orm: Orm; logger: Logger; metrics?: DriftCheckMetrics | undefined },
  config: DriftJobsConfig,
): Promise<void> {
  jobs.define(checkDriftJob, async ({ companyId, byAdmin }) => {
    const em = deps.orm.em.fork();
    // An admin's "Check Cal.com now" is waited for: a whole window's share, not the scheduled checks' cap.
    const budgetShare = byAdmin ? 1 : config.budgetShare;
    const result = await checkDrift({ em, logger: deps.logger, calcom: config.calcom, budgetShare, onCalcomRequest: deps.metrics?.calcomRequest }, companyId);
    if (!deps.metrics) return;
    deps.metrics.driftCheckFinished(result.outcome, result.durationMs / 1000, result.calcomRequests);
    if (result.outcome === "checked") deps.metrics.servicesByDrift(await countServicesByDrift(em));
  });
  jobs.define(scheduleDriftChecksJob, async () => {
    const companies = await companiesWithLinkedServices(deps.orm.em.fork());
    let queued = 0;
    for (const companyId of companies) if ((await enqueueDriftCheck(jobs, companyId)).created) queued += 1;
    deps.logger.debug({ companies: companies.length, queued }, "drift checks queued");
  });
  await jobs.every(scheduleDriftChecksJob, config.intervalMs);
}
