/**
 * Cal.com event type -> service fields: the reverse of mapServiceToEventTypeUpdate (calcom-mapping.ts),
 * used by "Take Cal.com's values" and by "Import from Cal.com". One place, so both read Cal.com alike.
 * Price and currency are taken too where Cal.com reports them (they are never sent, but Cal.com's copy
 * is the one clients pay).
 */
import { type CalcomEventTypeSnapshot, mapServiceToEventTypeUpdate, type SyncableService } from "./calcom-mapping";
import { unappliedFields } from "./calcom-read-back";
import { type ServiceInput, serviceInputSchema } from "./service";

/** The service fields an event type determines, in the order they are shown. */
export const CALCOM_TAKEN_FIELDS = [
  "name",
  "slug",
  "description",
  "durationMinutes",
  "bufferBeforeMinutes",
  "bufferAfterMinutes",
  "minimumBookingNoticeMinutes",
  "isActive",
  "requiresConfirmation",
  "disableGuests",
  "priceCents",
  "currency",
] as const satisfies ReadonlyArray<keyof ServiceInput & keyof SyncableService>;

export type CalcomTakenField = (typeof CALCOM_TAKEN_FIELDS)[number];

/** What an event type says about a service; a field Cal.com left out of its answer is absent. */
export type ServiceFieldsFromCalcom = Partial<Pick<ServiceInput, CalcomTakenField>>;

/** Cal.com omits or nulls the policy of an event type that needs no confirmation (as read-back judges it). */
function requiresConfirmation(policy: unknown): boolean {
  if (policy === undefined || policy === null || typeof policy !== "object") return false;
  return (policy as { disabled?: unknown }).disabled !== true;
}

/**
 * The service fields Cal.com's event type holds, converted the way the sync sends them, backwards:
 * title -> name, lengthInMinutes -> durationMinutes, hidden -> isActive (negated), a confirmation policy
 * that is not disabled -> requiresConfirmation, price (minor units) -> priceCents and currency upper-cased
 * ("eur" -> "EUR") when Cal.com charges a price (above 0). Values are not validated here: see invalidTakenFields.
 */
export function mapEventTypeToServiceFields(eventType: CalcomEventTypeSnapshot): ServiceFieldsFromCalcom {
  const fields: ServiceFieldsFromCalcom = {};
  // A value Cal.com answers null for is treated as absent, except the two whose null means something.
  const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;
  if (given(eventType.title)) fields.name = eventType.title;
  if (given(eventType.slug)) fields.slug = eventType.slug;
  // The sync sends "" for no description; Cal.com may answer null for it.
  if (eventType.description !== undefined) fields.description = eventType.description ?? "";
  if (given(eventType.lengthInMinutes)) fields.durationMinutes = eventType.lengthInMinutes;
  if (given(eventType.beforeEventBuffer)) fields.bufferBeforeMinutes = eventType.beforeEventBuffer;
  if (given(eventType.afterEventBuffer)) fields.bufferAfterMinutes = eventType.afterEventBuffer;
  if (given(eventType.minimumBookingNotice)) fields.minimumBookingNoticeMinutes = eventType.minimumBookingNotice;
  if (given(eventType.hidden)) fields.isActive = !eventType.hidden;
  fields.requiresConfirmation = requiresConfirmation(eventType.confirmationPolicy);
  if (given(eventType.disableGuests)) fields.disableGuests = eventType.disableGuests;
  // Cal.com answers price 0 and its default currency ("usd") for every event type without a payment
  // app: then it holds no price, and the service's own price and currency (shown to clients) stay.
  if (given(eventType.price) && eventType.price > 0) {
    fields.priceCents = eventType.price;
    if (given(eventType.currency)) fields.currency = eventType.currency.toUpperCase();
  }
  return fields;
}

/** One field "Take Cal.com's values" changes: the service's value before, Cal.com's after. */
export interface TakenFieldChange {
  field: CalcomTakenField;
  before: unknown;
  after: unknown;
}

export interface TakenValues<S> {
  /** The service with Cal.com's values in place of its own. */
  values: S;
  /** Only the fields whose value changes, in CALCOM_TAKEN_FIELDS order. */
  changes: TakenFieldChange[];
}

/** The service as it would be with Cal.com's values; fields Cal.com does not report keep the service's. */
export function takeCalcomValues<S extends Pick<ServiceInput, CalcomTakenField>>(service: S, eventType: CalcomEventTypeSnapshot): TakenValues<S> {
  const fromCalcom = mapEventTypeToServiceFields(eventType);
  const values = { ...service };
  const changes: TakenFieldChange[] = [];
  for (const field of CALCOM_TAKEN_FIELDS) {
    const after = fromCalcom[field];
    if (after === undefined || Object.is(after, service[field])) continue;
    changes.push({ field, before: service[field], after });
    (values as Record<CalcomTakenField, unknown>)[field] = after;
  }
  return { values, changes };
}

/** What an imported service starts from for a field Cal.com does not report. */
export const IMPORT_DEFAULTS: Omit<ServiceInput, "name" | "slug" | "durationMinutes" | "calcomEventTypeId"> = {
  description: "",
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumBookingNoticeMinutes: 0,
  isActive: true,
  requiresConfirmation: false,
  disableGuests: false,
  priceCents: 0,
  currency: "EUR",
};

/**
 * A new service's fields from an event type (Import): Cal.com's values over IMPORT_DEFAULTS. Title, slug
 * and length are required in Cal.com's output; a missing one is left empty so invalidTakenFields names it.
 */
export function serviceInputFromEventType(eventType: CalcomEventTypeSnapshot, eventTypeId: number | null = null): ServiceInput {
  const fromCalcom = mapEventTypeToServiceFields(eventType);
  return {
    name: "",
    slug: "",
    durationMinutes: Number.NaN,
    ...IMPORT_DEFAULTS,
    ...fromCalcom,
    calcomEventTypeId: eventTypeId,
  };
}

/** A value from Cal.com that a service cannot hold, with the service form's message for it. */
export interface InvalidTakenField {
  field: CalcomTakenField;
  value: unknown;
  message: string;
}

const takenFieldsSchema = serviceInputSchema.pick(Object.fromEntries(CALCOM_TAKEN_FIELDS.map((field) => [field, true])) as { [K in CalcomTakenField]: true });

/**
 * The fields whose Cal.com value breaks the service's rules (Cal.com allows a 1-minute event type, a
 * slug with capitals, ...), judged by the same schema as the service form. Empty: all can be taken.
 */
export function invalidTakenFields(values: Pick<ServiceInput, CalcomTakenField>): InvalidTakenField[] {
  const parsed = takenFieldsSchema.safeParse(values);
  if (parsed.success) return [];
  const invalid: InvalidTakenField[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as CalcomTakenField;
    if (invalid.some((known) => known.field === field)) continue;
    invalid.push({ field, value: values[field], message: issue.message });
  }
  return invalid;
}

/**
 * Whether a sync of `service` would change nothing in Cal.com: every field the sync sends equals the
 * event type's, judged as the read-back judges a PATCH's answer (fields Cal.com leaves out are not
 * judged). Price and currency are not sent and so do not count.
 */
export function isInStepWithEventType(service: SyncableService, eventType: CalcomEventTypeSnapshot): boolean {
  return unappliedFields(mapServiceToEventTypeUpdate(service), eventType).length === 0;
}
