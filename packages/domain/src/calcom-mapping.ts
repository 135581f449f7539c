/**
 * Service -> Cal.com event type (PATCH body of /v2/event-types/{id}, UpdateEventTypeInput_2024_06_14),
 * and the confirm dialog's diff against what Cal.com holds now. The Cal.com types are declared here
 * structurally: domain depends on nothing of ours (packages/calcom tests that they fit the spec's types).
 */

/** What a service must offer to be synced. */
export interface SyncableService {
  name: string;
  slug: string;
  description: string | null;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumBookingNoticeMinutes: number;
  isActive: boolean;
  requiresConfirmation: boolean;
  disableGuests: boolean;
  priceCents: number | null;
  currency: string | null;
}

export type CalcomConfirmationPolicy =
  | { disabled: true }
  | { type: "always"; blockUnconfirmedBookingsInBooker: boolean };

/** The fields of UpdateEventTypeInput_2024_06_14 that a sync sends, and nothing else. */
export interface CalcomEventTypeUpdate {
  title: string;
  slug: string;
  description: string;
  lengthInMinutes: number;
  beforeEventBuffer: number;
  afterEventBuffer: number;
  minimumBookingNotice: number;
  hidden: boolean;
  confirmationPolicy: CalcomConfirmationPolicy;
  disableGuests: boolean;
}

/** The part of Cal.com's EventTypeOutput_2024_06_14 that the diff reads. */
export interface CalcomEventTypeSnapshot {
  title?: string;
  slug?: string;
  description?: string;
  lengthInMinutes?: number;
  beforeEventBuffer?: number;
  afterEventBuffer?: number;
  minimumBookingNotice?: number;
  hidden?: boolean;
  confirmationPolicy?: unknown;
  disableGuests?: boolean;
  price?: number;
  currency?: string;
}

export function mapServiceToEventTypeUpdate(service: SyncableService): CalcomEventTypeUpdate {
  return {
    title: service.name,
    slug: service.slug,
    description: service.description ?? "",
    lengthInMinutes: service.durationMinutes,
    beforeEventBuffer: service.bufferBeforeMinutes,
    afterEventBuffer: service.bufferAfterMinutes,
    minimumBookingNotice: service.minimumBookingNoticeMinutes,
    hidden: !service.isActive,
    // A booking awaiting confirmation keeps its slot, so nobody else can book it meanwhile.
    confirmationPolicy: service.requiresConfirmation
      ? { type: "always", blockUnconfirmedBookingsInBooker: true }
      : { disabled: true },
    disableGuests: service.disableGuests,
  };
}

type SentField = keyof CalcomEventTypeUpdate;

/** Order and wording of the confirm dialog's rows, with the service field each one comes from. */
const SENT_FIELDS: ReadonlyArray<{ field: SentField; serviceField: keyof SyncableService; label: string }> = [
  { field: "title", serviceField: "name", label: "Title" },
  { field: "slug", serviceField: "slug", label: "Slug" },
  { field: "description", serviceField: "description", label: "Description" },
  { field: "lengthInMinutes", serviceField: "durationMinutes", label: "Duration (minutes)" },
  { field: "beforeEventBuffer", serviceField: "bufferBeforeMinutes", label: "Buffer before (minutes)" },
  { field: "afterEventBuffer", serviceField: "bufferAfterMinutes", label: "Buffer after (minutes)" },
  { field: "minimumBookingNotice", serviceField: "minimumBookingNoticeMinutes", label: "Minimum booking notice (minutes)" },
  { field: "hidden", serviceField: "isActive", label: "Hidden from booking page" },
  { field: "confirmationPolicy", serviceField: "requiresConfirmation", label: "Requires confirmation" },
  { field: "disableGuests", serviceField: "disableGuests", label: "Guests disabled" },
];

/** The Cal.com fields a sync sends, in the order it shows them. */
export const SENT_FIELD_NAMES: readonly SentField[] = SENT_FIELDS.map(({ field }) => field);

/** The service fields a sync sends: editing any other (price, currency) changes nothing in Cal.com. */
export const SENT_SERVICE_FIELDS: ReadonlyArray<keyof SyncableService> = SENT_FIELDS.map(({ serviceField }) => serviceField);

export interface NotSentField {
  field: "price" | "currency";
  label: string;
  reason: string;
}

export const NOT_SENT_FIELDS: readonly NotSentField[] = [
  { field: "price", label: "Price", reason: "Cal.com API v2 has no price input for event types" },
  { field: "currency", label: "Currency", reason: "Cal.com API v2 has no currency input for event types" },
];

export interface SyncDiffRow {
  field: SentField;
  serviceField: keyof SyncableService;
  label: string;
  sent: CalcomEventTypeUpdate[SentField];
  /** Cal.com's value now; undefined when Cal.com could not be read (or does not report the field). */
  current: unknown;
  /** The sync will change this field in Cal.com, or Cal.com could not be read to tell. */
  changed: boolean;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, item]) => [key, canonical(item)]),
    );
  }
  return value;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** One row per field a sync sends, compared with the event type Cal.com holds (null: it could not be read). */
export function diffServiceAgainstEventType(service: SyncableService, eventType: CalcomEventTypeSnapshot | null): SyncDiffRow[] {
  const sent = mapServiceToEventTypeUpdate(service);
  return SENT_FIELDS.map(({ field, serviceField, label }) => {
    const current = eventType?.[field];
    return {
      field,
      serviceField,
      label,
      sent: sent[field],
      current,
      changed: current === undefined || !sameValue(sent[field], current),
    };
  });
}

export interface NotSentFieldDrift extends NotSentField {
  /** The service's value (price in cents). */
  local: number | string | null;
  /** Cal.com's value (price in the currency's minor unit); undefined when Cal.com could not be read. */
  current: number | string | undefined;
  /** The two differ: the admin must change it in Cal.com by hand. False when Cal.com could not be read. */
  differs: boolean;
}

/** Price and currency are never sent; this shows where the service and Cal.com disagree about them. */
export function describeNotSentFields(service: SyncableService, eventType: CalcomEventTypeSnapshot | null): NotSentFieldDrift[] {
  return NOT_SENT_FIELDS.map((notSent) => {
    if (notSent.field === "price") {
      const current = eventType?.price;
      const differs = current !== undefined && current !== (service.priceCents ?? 0);
      return { ...notSent, local: service.priceCents, current, differs };
    }
    const current = eventType?.currency;
    const differs =
      current !== undefined && service.currency !== null && current.toLowerCase() !== service.currency.toLowerCase();
    return { ...notSent, local: service.currency, current, differs };
  });
}
