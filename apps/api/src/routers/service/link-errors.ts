import { type EntityManager, Service } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import { STALE_VERSION_MESSAGE } from "./update.handler";

export function staleVersion(): TRPCError {
  return new TRPCError({ code: "CONFLICT", message: STALE_VERSION_MESSAGE });
}

/** Another service already holds the event type: named when it is of the same company, else not. */
export async function eventTypeTaken(em: EntityManager, eventTypeId: number, companyId: string): Promise<TRPCError | undefined> {
  const holder = await em.fork().findOne(Service, { calcomEventTypeId: eventTypeId }, { fields: ["id", "name", "company"] });
  if (!holder) return undefined;
  const by = holder.company.id === companyId ? `“${holder.name}”` : "a service of another company";
  return new TRPCError({ code: "CONFLICT", message: `Cal.com event type ${eventTypeId} is already linked to ${by}. An event type links to one service at most.` });
}

/** The unique constraint on services.calcom_event_type_id, as pg reports it through Kysely. */
export function isEventTypeUniqueViolation(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === "23505" && constraint === "services_calcom_event_type_id_unique";
}

export const EVENT_TYPE_NOT_EDITABLE_MESSAGE =
  "The Cal.com event type is not set by editing: use “Link event type” (which checks that it is this company's) or “Unlink”. Nothing was saved.";
