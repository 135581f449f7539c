import { enqueueDriftCheck } from "@askpro/jobs";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { CheckCalcomNowInput } from "./check.schema";

export interface CheckCalcomNowResult {
  /** queued: a new check; already_running: the company's check queued or running is the one that will answer. */
  outcome: "queued" | "already_running";
}

/**
 * "Check Cal.com now": queues the company's drift check (the job the schedule queues), or leaves the
 * live one to answer: a company never has two checks at once, however often the button is pressed.
 */
export async function checkCalcomNowHandler({ ctx, input }: { ctx: AuthedContext; input: CheckCalcomNowInput }): Promise<CheckCalcomNowResult> {
  const company = await findScopedCompany(ctx, input.companyId);
  let created: boolean;
  try {
    ({ created } = await enqueueDriftCheck(await ctx.jobs.queue(), company.id, true));
  } catch (error) {
    ctx.logger.error({ err: error, event: "drift-check-enqueue-failed", companyId: company.id }, "Drift check not queued");
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "The check could not be queued (the job store did not answer). Try again." });
  }
  ctx.logger.info({ event: "drift-check-requested", companyId: company.id, userId: ctx.user.id, created }, "Cal.com drift check requested");
  return { outcome: created ? "queued" : "already_running" };
}
