import { lastDriftCheckAt } from "@askpro/db";
import { liveDriftCheck } from "@askpro/jobs";
import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { CalcomDriftStatusInput } from "./status.schema";

export interface CalcomDriftStatus {
  /** A check of the company is queued or running. */
  running: boolean;
  /** ISO time of the latest check that marked a service; null: none yet. */
  lastCheckedAt: string | null;
}

/** Whether the company's drift check is under way and when its services were last checked (the settings page polls it). */
export async function calcomDriftStatusHandler({ ctx, input }: { ctx: AuthedContext; input: CalcomDriftStatusInput }): Promise<CalcomDriftStatus> {
  const company = await findScopedCompany(ctx, input.companyId);
  const [live, last] = await Promise.all([ctx.jobs.queue().then((jobs) => liveDriftCheck(jobs, company.id)), lastDriftCheckAt(ctx.em, company.id)]);
  return { running: live !== undefined, lastCheckedAt: last?.toISOString() ?? null };
}
