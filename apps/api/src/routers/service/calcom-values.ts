import type { CalcomEventType } from "@askpro/calcom";
import type { Service } from "@askpro/db";
import {
  type CalcomTakenField,
  type InvalidTakenField,
  invalidTakenFields,
  isInStepWithEventType,
  mapServiceToEventTypeUpdate,
  type SyncReason,
  takeCalcomValues,
  unappliedFields,
  valuesNotExpressibleReason,
} from "@askpro/domain";
import { TRPCError } from "@trpc/server";
import { readLinkedEventType } from "../../calcom/read-linked-event-type";
import type { AuthedContext } from "../../trpc";

/** A value of a service field, as the dialog shows it. */
export type TakenValue = string | number | boolean | null;

/** One row of "Take Cal.com's values": the service's value now, and Cal.com's that replaces it. */
export interface TakenValueChange {
  field: CalcomTakenField;
  before: TakenValue;
  after: TakenValue;
}

export interface CalcomValues {
  eventTypeId: number;
  /** What the service would hold with Cal.com's values. */
  values: ReturnType<typeof serviceValues>;
  changes: TakenValueChange[];
  /** Cal.com values a service cannot hold: while there are any, nothing can be taken. */
  invalid: InvalidTakenField[];
  /** After taking them, a sync would change nothing in Cal.com. */
  inStep: boolean;
  /** Why it would not be in step (Cal.com holds something a service cannot express); null when in step. */
  differsBecause: SyncReason | null;
}

function serviceValues(service: Service) {
  return {
    name: service.name,
    slug: service.slug,
    description: service.description,
    durationMinutes: service.durationMinutes,
    bufferBeforeMinutes: service.bufferBeforeMinutes,
    bufferAfterMinutes: service.bufferAfterMinutes,
    minimumBookingNoticeMinutes: service.minimumBookingNoticeMinutes,
    isActive: service.isActive,
    requiresConfirmation: service.requiresConfirmation,
    disableGuests: service.disableGuests,
    priceCents: service.priceCents,
    currency: service.currency,
  };
}

export const NOT_LINKED_MESSAGE = "This service is not linked to a Cal.com event type: there are no Cal.com values to take.";
export const TAKE_WHILE_PENDING_MESSAGE = "A sync of this service is pending. Wait until it has ended, then take Cal.com's values.";
export const BEING_DELETED_MESSAGE = "This service is being deleted.";

/** Refuses a service whose values cannot be taken now, before Cal.com is asked anything. */
export function assertCanTakeValues(service: Service): number {
  if (service.calcomEventTypeId == null) throw new TRPCError({ code: "PRECONDITION_FAILED", message: NOT_LINKED_MESSAGE });
  if (service.syncStatus === "pending") throw new TRPCError({ code: "CONFLICT", message: TAKE_WHILE_PENDING_MESSAGE });
  if (service.syncStatus === "deleting" || service.syncStatus === "delete_failed") throw new TRPCError({ code: "CONFLICT", message: BEING_DELETED_MESSAGE });
  return service.calcomEventTypeId;
}

/** What Cal.com's event type would change in the service (calcom-to-service.ts in domain does the mapping). */
export function compareWithEventType(service: Service, eventType: CalcomEventType): CalcomValues {
  const { values, changes } = takeCalcomValues(serviceValues(service), eventType);
  const stillDiffering = unappliedFields(mapServiceToEventTypeUpdate(values), eventType);
  return {
    eventTypeId: eventType.id,
    values,
    changes: changes.map((change) => ({ ...change, before: change.before as TakenValue, after: change.after as TakenValue })),
    invalid: invalidTakenFields(values),
    inStep: isInStepWithEventType(values, eventType),
    differsBecause: stillDiffering.length === 0 ? null : valuesNotExpressibleReason(stillDiffering),
  };
}

export async function readCalcomValues(ctx: AuthedContext, service: Service): Promise<CalcomValues> {
  const eventTypeId = assertCanTakeValues(service);
  return compareWithEventType(service, await readLinkedEventType(ctx, service.company, eventTypeId));
}
