import {
  type CalcomEventTypeUpdate,
  describeNotSentFields,
  diffServiceAgainstEventType,
  type NotSentField,
  type SyncableService,
} from "@askpro/domain";
import { companyCalcomSettings } from "../../calcom/company-settings";
import { type CalcomReadability, readEventTypeForPreview } from "../../calcom/read-event-type";
import type { AuthedContext } from "../../trpc";
import { findScopedService } from "./scope";
import type { SyncPreviewInput } from "./syncPreview.schema";

/** A value as Cal.com's JSON holds it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One row of the confirm dialog: a field the sync sends, and what Cal.com holds now. */
export interface SyncPreviewField {
  field: keyof CalcomEventTypeUpdate;
  /** The service's field it comes from, e.g. durationMinutes for lengthInMinutes. */
  serviceField: keyof SyncableService;
  label: string;
  sent: CalcomEventTypeUpdate[keyof CalcomEventTypeUpdate];
  /** Cal.com's value now; null when Cal.com could not be read or does not report the field. */
  current: JsonValue;
  /** The sync changes this field in Cal.com; always true when Cal.com could not be read. */
  changed: boolean;
}

/** A field the sync does not send, and why; shown so nobody expects it to reach Cal.com. */
export interface SyncPreviewNotSent {
  field: NotSentField["field"];
  label: string;
  reason: string;
  /** The service's value (price in cents). */
  local: number | string | null;
  /** Cal.com's value (price in the currency's minor unit); null when Cal.com could not be read. */
  currentInCalcom: number | string | null;
  /** Cal.com disagrees with the service: change it there by hand. */
  differs: boolean;
}

export type SyncTarget = { kind: "team"; teamId: number } | { kind: "user" };

export interface SyncPreview {
  /** null: no event type is linked, a sync would answer no_event_type (calcom says so, unread). */
  eventTypeId: number | null;
  /** Which Cal.com path the sync writes to: the company's team, or the API key's user. */
  target: SyncTarget;
  fields: SyncPreviewField[];
  notSent: SyncPreviewNotSent[];
  calcom: CalcomReadability;
}

export const NO_EVENT_TYPE_REASON = "No Cal.com event type is linked to this service";

export async function syncPreviewHandler({ ctx, input }: { ctx: AuthedContext; input: SyncPreviewInput }): Promise<SyncPreview> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  const teamId = service.company.calcomTeamId ?? undefined;
  const eventTypeId = service.calcomEventTypeId ?? null;
  const { eventType, calcom } =
    eventTypeId === null
      ? { eventType: null, calcom: { readable: false as const, reason: NO_EVENT_TYPE_REASON } }
      : await readEventTypeForPreview(await companyCalcomSettings(ctx, service.company), eventTypeId, teamId);
  return {
    eventTypeId,
    target: teamId === undefined ? { kind: "user" } : { kind: "team", teamId },
    fields: diffServiceAgainstEventType(service, eventType).map((row) => ({
      field: row.field,
      serviceField: row.serviceField,
      label: row.label,
      sent: row.sent,
      // Read from Cal.com's JSON answer.
      current: (row.current ?? null) as JsonValue,
      changed: row.changed,
    })),
    notSent: describeNotSentFields(service, eventType).map((row) => ({
      field: row.field,
      label: row.label,
      reason: row.reason,
      local: row.local,
      currentInCalcom: row.current ?? null,
      differs: row.differs,
    })),
    calcom,
  };
}
