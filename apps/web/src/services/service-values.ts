import type { ServiceInput } from "@askpro/domain";

export type ServiceField = keyof ServiceInput;

/** Form order; also the order of the conflict comparison. */
export const SERVICE_FIELDS = [
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
  "calcomAssignment",
  "calcomEventTypeId",
] as const satisfies readonly ServiceField[];

export const NEW_SERVICE_VALUES: ServiceInput = {
  name: "",
  slug: "",
  description: "",
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumBookingNoticeMinutes: 0,
  priceCents: 0,
  currency: "EUR",
  isActive: true,
  requiresConfirmation: false,
  disableGuests: false,
  calcomAssignment: null,
  calcomEventTypeId: null,
};

/** The editable part of a service as the api returns it (any extra fields are ignored). */
export function toServiceInput(service: ServiceInput): ServiceInput {
  return Object.fromEntries(SERVICE_FIELDS.map((field) => [field, service[field]])) as ServiceInput;
}

/** Fields whose values differ, in form order (NaN from an unparsable number field counts as differing). */
export function differingFields(a: ServiceInput, b: ServiceInput): ServiceField[] {
  return SERVICE_FIELDS.filter((field) => !Object.is(a[field], b[field]));
}

const TRANSLITERATIONS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };

/** A slug suggestion from a name: "15 Minuten Schnellberatung" -> "15-minuten-schnellberatung". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[äöüß]/g, (char) => TRANSLITERATIONS[char] ?? char)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100)
    .replace(/-+$/, "");
}
