import { type RequestCreateResult, requestCreate, SyncServiceNotFoundError } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import type { CreateInCalcomInput } from "./createInCalcom.schema";

/** `queued` | `already_linked` | `already_pending` | `enqueue_failed` (with the reason, also kept on the service). */
export type CreateInCalcomOutcome = RequestCreateResult;

/** "Create in Cal.com": queues the job that creates the service's event type and links it (packages/sync requestCreate). */
export async function createInCalcomHandler({ ctx, input }: { ctx: AuthedContext; input: CreateInCalcomInput }): Promise<CreateInCalcomOutcome> {
  try {
    return await requestCreate({
      em: ctx.em,
      jobs: () => ctx.jobs.queue(),
      serviceId: input.id,
      companyId: ctx.user.company?.id ?? null,
      requestedById: ctx.user.id,
      logger: ctx.logger,
    });
  } catch (error) {
    if (error instanceof SyncServiceNotFoundError) throw new TRPCError({ code: "NOT_FOUND", message: "Service not found." });
    throw error;
  }
}
