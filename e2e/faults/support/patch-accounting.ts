import type { SandboxRequest } from "@askpro/calcom/sandbox";
import { type EntityManager, SyncAttempt } from "@askpro/db";
import { expect } from "vitest";
import { jobRunsIn, totalRuns } from "./job-runs";
import type { AppProcess } from "./processes";

/** What one service's sync cost, from the sandbox, its attempt row and the workers' run logs. */
export interface PatchCount {
  service: string;
  patches: number;
  logged: number;
  retried: number;
  runs: number;
  cutShort: number;
}

/**
 * After a storm of worker kills: every sync ended on its one attempt row with Cal.com's 2xx last, and no
 * PATCH is unaccounted for. Each came from a run of the service's job and is either in the attempt log or
 * was cut short by a kill; a job only ran again because a kill cut its run short (or a retry); nothing
 * else was PATCHed and nothing failed. Returns each service's counts for the caller's own checks.
 */
export async function expectEveryPatchAccountedFor(options: {
  em: EntityManager;
  serviceIds: readonly string[];
  workers: AppProcess[];
  patches: readonly SandboxRequest[];
  serviceOfPatch: (patch: SandboxRequest) => string | undefined;
  requests: readonly SandboxRequest[];
}): Promise<PatchCount[]> {
  const { patches, serviceOfPatch } = options;
  const attempts = await options.em.find(SyncAttempt, { service: { $in: [...options.serviceIds] } });
  expect(attempts).toHaveLength(options.serviceIds.length);
  for (const attempt of attempts) {
    expect(attempt).toMatchObject({ outcome: "succeeded", httpStatus: 200, errorMessage: null });
    expect(attempt.attemptLog.at(-1)).toMatchObject({ httpStatus: 200 });
  }
  const runs = totalRuns(options.workers.map((worker) => jobRunsIn(worker.output())));
  const counts = attempts.map((attempt) => {
    const serviceId = attempt.service.id;
    const jobId = attempt.jobId ?? "";
    return {
      service: serviceId,
      patches: patches.filter((patch) => serviceOfPatch(patch) === serviceId).length,
      logged: attempt.attemptLog.length,
      retried: attempt.attemptLog.filter((entry) => entry.httpStatus !== 200).length,
      runs: runs.started.get(jobId) ?? 0,
      cutShort: runs.unfinished.get(jobId) ?? 0,
    };
  });
  for (const count of counts) {
    expect(count.runs, `runs of ${count.service}`).toBeGreaterThanOrEqual(1);
    expect(count.patches, `PATCHes of ${count.service} against its job's runs`).toBeLessThanOrEqual(count.runs);
    expect(count.patches, `PATCHes of ${count.service} against its recorded attempts`).toBeLessThanOrEqual(count.logged + count.cutShort);
    expect(count.runs, `runs of ${count.service} beyond kills and retries`).toBeLessThanOrEqual(1 + count.cutShort + count.retried);
  }
  expect(patches.filter((patch) => !serviceOfPatch(patch))).toEqual([]);
  expect(options.requests.filter((request) => request.status !== undefined && request.status >= 400)).toEqual([]);
  return counts;
}
