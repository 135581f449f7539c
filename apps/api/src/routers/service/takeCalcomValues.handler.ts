import { recordValuesTaken, type ServiceDto } from "@askpro/db";
import { serviceUpdateSchema } from "@askpro/domain";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../../trpc";
import { readCalcomValues, type TakenValueChange } from "./calcom-values";
import { staleVersion } from "./link-errors";
import { findScopedService, writtenServiceDto } from "./scope";
import type { TakeCalcomValuesInput } from "./takeCalcomValues.schema";
import { saveServiceUpdate } from "./update.handler";

export interface TakenCalcomValues {
  service: ServiceDto;
  changes: TakenValueChange[];
  /** The service is "Synced": it now holds what Cal.com holds. */
  inStep: boolean;
}

/**
 * "Take Cal.com's values": reads the linked event type, maps it back to service fields and saves them
 * through service.update with the version the admin saw, so a newer edit is never overwritten (CONFLICT,
 * and nothing is saved). Then the service is "Synced" if a sync would change nothing in Cal.com, else
 * "Sync failed" with the fields Cal.com holds that no service can express.
 */
export async function takeCalcomValuesHandler({ ctx, input }: { ctx: AuthedContext; input: TakeCalcomValuesInput }): Promise<TakenCalcomValues> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  // Before Cal.com is read: a stale form learns it at once, and spends none of the key's budget.
  if (service.version !== input.version) throw staleVersion();
  const taken = await readCalcomValues(ctx, service);
  if (taken.invalid.length > 0) {
    const reasons = taken.invalid.map(({ message, value }) => `${message} (Cal.com has ${JSON.stringify(value)})`);
    throw new TRPCError({ code: "BAD_REQUEST", message: `Cal.com's values cannot be taken: ${reasons.join("; ")}. Nothing was changed.` });
  }
  // The normal update, on a fresh EntityManager: it reads the service again and checks the version twice
  // (on reading and in the UPDATE's WHERE), so a save made while Cal.com was being read wins.
  const update = serviceUpdateSchema.parse({ ...taken.values, calcomEventTypeId: service.calcomEventTypeId, id: service.id, version: input.version });
  // The save without auto-sync: the values are Cal.com's own.
  const saveEm = ctx.em.fork();
  await saveServiceUpdate({ ...ctx, em: saveEm }, update);
  const updated = await writtenServiceDto(saveEm, service.id);
  const recorded = await recordValuesTaken(ctx.em, {
    serviceId: service.id,
    version: updated.version,
    inStep: taken.inStep,
    reason: taken.differsBecause,
    at: new Date(),
  });
  ctx.logger.info(
    { event: "service-calcom-values-taken", serviceId: service.id, eventTypeId: taken.eventTypeId, fields: taken.changes.map(({ field }) => field), inStep: taken.inStep, recorded, userId: ctx.user.id },
    "Cal.com's values taken",
  );
  return { service: await writtenServiceDto(ctx.em, service.id), changes: taken.changes, inStep: taken.inStep };
}
