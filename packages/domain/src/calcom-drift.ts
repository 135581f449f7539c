/**
 * Drift: whether a linked service's event type in Cal.com still holds what the sync sends. Cal.com has
 * no webhook for event-type changes, so a recurring check reads the company's event types (list calls)
 * and judges each linked service with `judgeDrift`. Drift is its own column beside the sync status: the
 * sync status says how our last push went, drift says what Cal.com holds now; a service can be both
 * "Synced" and "Changed in Cal.com" (someone edited the event type in Cal.com since).
 */
import { type CalcomEventTypeSnapshot, mapServiceToEventTypeUpdate, type SyncableService } from "./calcom-mapping";
import { unappliedFields } from "./calcom-read-back";
import type { ReasonValue } from "./sync-reason";

export const DRIFT_STATES = ["in_step", "changed_in_calcom", "missing_in_calcom"] as const;
export type DriftState = (typeof DRIFT_STATES)[number];

/** A sent field whose Cal.com value differs from ours, named as Cal.com names it (like read-back's). */
export interface DriftedField {
  field: string;
  /** What a sync would send. */
  ours: ReasonValue;
  /** What Cal.com holds. */
  calcom: ReasonValue;
}

/** The drift as a code with parameters, worded by the SPA in the reader's language. */
export type DriftDetail =
  | { code: "in_step" }
  | { code: "changed_in_calcom"; fields: DriftedField[] }
  /** The linked event type is not in the company's list any more (deleted, or moved to another team or user). */
  | { code: "missing_in_calcom"; eventTypeId: number };

/**
 * How a linked service stands against Cal.com's copy of its event type (undefined: not in the list).
 * Judged as read-back judges a PATCH's answer: every field the sync sends, fields Cal.com leaves out
 * are not judged. Price and currency are not sent and so never count as drift.
 */
export function judgeDrift(service: SyncableService & { calcomEventTypeId: number }, eventType: CalcomEventTypeSnapshot | undefined): DriftDetail {
  if (eventType === undefined) return { code: "missing_in_calcom", eventTypeId: service.calcomEventTypeId };
  const differing = unappliedFields(mapServiceToEventTypeUpdate(service), eventType);
  if (differing.length === 0) return { code: "in_step" };
  return {
    code: "changed_in_calcom",
    fields: differing.map(({ field, sent, actual }) => ({ field, ours: (sent ?? null) as ReasonValue, calcom: (actual ?? null) as ReasonValue })),
  };
}

/** A stored drift detail, or null for anything that is not one (rows written by hand, older shapes). */
export function parseDriftDetail(value: unknown): DriftDetail | null {
  if (value === null || typeof value !== "object") return null;
  const detail = value as { code?: unknown; fields?: unknown; eventTypeId?: unknown };
  if (detail.code === "in_step") return { code: "in_step" };
  if (detail.code === "missing_in_calcom" && typeof detail.eventTypeId === "number") return { code: "missing_in_calcom", eventTypeId: detail.eventTypeId };
  if (detail.code === "changed_in_calcom" && Array.isArray(detail.fields)) {
    const fields = detail.fields.filter((field): field is DriftedField => typeof field === "object" && field !== null && typeof field.field === "string");
    return { code: "changed_in_calcom", fields: fields.map(({ field, ours, calcom }) => ({ field, ours: ours ?? null, calcom: calcom ?? null })) };
  }
  return null;
}
