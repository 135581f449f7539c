import { type EditedValue, Service, ServiceEdit, type ServiceEditKind, type ServiceFieldChange, User } from "../entities";
import type { EntityManager } from "../orm";

/**
 * The edit history of a service: who changed which field from what to what, and when. Each function
 * here stages its row on the EntityManager next to the service's own change, so the one flush that
 * writes the service writes its history row in the same transaction: an edit that fails (a stale
 * version, a taken slug) leaves no row, and no saved edit lacks one.
 */

/** The fields an admin changes, in the order the form shows them. Sync bookkeeping (status, digests) is the sync history's. */
export const EDITED_SERVICE_FIELDS = [
  "name",
  "slug",
  "description",
  "durationMinutes",
  "bufferBeforeMinutes",
  "bufferAfterMinutes",
  "minimumBookingNoticeMinutes",
  "priceCents",
  "currency",
  "isActive",
  "requiresConfirmation",
  "disableGuests",
  "calcomEventTypeId",
] as const;

export type EditedServiceField = (typeof EDITED_SERVICE_FIELDS)[number];
export type EditedServiceFields = Partial<Record<EditedServiceField, EditedValue>>;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A value as jsonb can hold it. A text half of a UTF-16 pair reaches the services table as U+FFFD (pg
 * encodes UTF-8), but jsonb refuses it outright, which would fail the whole edit: recorded as stored.
 */
function storable(value: EditedValue | undefined): EditedValue {
  return typeof value === "string" ? value.replace(LONE_SURROGATE, "\ufffd") : (value ?? null);
}

/** Each field `after` names whose value differs from `before` (null before: a new service), in the form's order. */
export function serviceFieldChanges(before: EditedServiceFields | null, after: EditedServiceFields): ServiceFieldChange[] {
  const changes: ServiceFieldChange[] = [];
  for (const field of EDITED_SERVICE_FIELDS) {
    if (!(field in after)) continue;
    const from = storable(before?.[field]);
    const to = storable(after[field]);
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

function currentFields(service: Service): EditedServiceFields {
  return Object.fromEntries(EDITED_SERVICE_FIELDS.map((field) => [field, (service[field] as EditedValue | undefined) ?? null]));
}

function stage(em: EntityManager, service: Service, kind: ServiceEditKind, changes: ServiceFieldChange[], editedById: string | null): void {
  if (changes.length === 0) return;
  em.create(ServiceEdit, { service, kind, changes, editedBy: editedById === null ? null : em.getReference(User, editedById) });
}

/** Applies the form's fields to a loaded service and stages the history row of what they changed (none when nothing did). */
export function editService(
  em: EntityManager,
  service: Service,
  fields: Partial<Pick<Service, EditedServiceField>>,
  editedById: string | null,
): ServiceFieldChange[] {
  const changes = serviceFieldChanges(currentFields(service), fields as EditedServiceFields);
  em.assign(service, fields);
  stage(em, service, "update", changes, editedById);
  return changes;
}

/** Stages the history row of a service just created (em.create, not yet flushed): every field from null. */
export function recordServiceCreated(em: EntityManager, service: Service, editedById: string | null): void {
  stage(em, service, "create", serviceFieldChanges(null, currentFields(service)), editedById);
}

/**
 * Stages the history row of a service a statement of its own inserted (import: insertImportedService),
 * every field from null; call it inside that statement's transaction.
 */
export function recordServiceImported(em: EntityManager, serviceId: string, fields: EditedServiceFields, editedById: string | null): void {
  stage(em, em.getReference(Service, serviceId), "create", serviceFieldChanges(null, fields), editedById);
}

/**
 * Stages the history row of a link or unlink, which a statement of its own writes (sync-records'
 * setEventTypeLink): call it inside that statement's transaction (em.transactional), only when the
 * statement changed the service.
 */
export function recordEventTypeLink(
  em: EntityManager,
  serviceId: string,
  change: { from: number | null; to: number | null },
  editedById: string | null,
): void {
  const kind = change.to === null ? "unlink" : "link";
  stage(em, em.getReference(Service, serviceId), kind, serviceFieldChanges({ calcomEventTypeId: change.from }, { calcomEventTypeId: change.to }), editedById);
}

/** One row of the edit history as the view page shows it. */
export interface ServiceEditEntry {
  id: string;
  kind: ServiceEditKind;
  /** null: the user was deleted since. */
  editedBy: { email: string } | null;
  editedAt: string;
  changes: ServiceFieldChange[];
}

/** The service's edits, newest first. The caller has checked that the reader may see the service. */
export async function listServiceEdits(em: EntityManager, serviceId: string, limit: number): Promise<ServiceEditEntry[]> {
  const edits = await em.find(ServiceEdit, { service: serviceId }, { populate: ["editedBy"], orderBy: { editedAt: "desc", id: "desc" }, limit });
  return edits.map((edit) => ({
    id: edit.id,
    kind: edit.kind,
    editedBy: edit.editedBy ? { email: edit.editedBy.email } : null,
    editedAt: edit.editedAt.toISOString(),
    changes: edit.changes,
  }));
}
