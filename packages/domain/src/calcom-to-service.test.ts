import { describe, expect, it } from "vitest";
import { type CalcomEventTypeSnapshot, mapServiceToEventTypeUpdate } from "./calcom-mapping";
import {
  invalidTakenFields,
  isInStepWithEventType,
  mapEventTypeToServiceFields,
  serviceInputFromEventType,
  takeCalcomValues,
} from "./calcom-to-service";
import { type ServiceInput, serviceInputSchema } from "./service";

const service: ServiceInput = {
  name: "15 Minuten Schnellberatung",
  slug: "15-minuten-schnellberatung",
  description: "Kurzes Telefonat",
  durationMinutes: 15,
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  minimumBookingNoticeMinutes: 120,
  isActive: true,
  requiresConfirmation: false,
  disableGuests: true,
  priceCents: 2900,
  currency: "EUR",
  calcomEventTypeId: 3664712,
};

/** An event type as Cal.com answers it (EventTypeOutput_2024_06_14), changed in Cal.com since the last sync. */
const changedInCalcom: CalcomEventTypeSnapshot = {
  title: "Schnellberatung (neu)",
  slug: "schnellberatung-neu",
  description: "Jetzt mit Rückruf",
  lengthInMinutes: 20,
  beforeEventBuffer: 0,
  afterEventBuffer: 15,
  minimumBookingNotice: 60,
  hidden: true,
  confirmationPolicy: { type: "always", blockUnconfirmedBookingsInBooker: true, noticeThreshold: { unit: "minutes", count: 30 } },
  disableGuests: false,
  price: 4900,
  currency: "usd",
};

describe("mapEventTypeToServiceFields", () => {
  it("maps every field the sync sends back to the service field it came from, and price and currency", () => {
    expect(mapEventTypeToServiceFields(changedInCalcom)).toEqual({
      name: "Schnellberatung (neu)",
      slug: "schnellberatung-neu",
      description: "Jetzt mit Rückruf",
      durationMinutes: 20,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      minimumBookingNoticeMinutes: 60,
      isActive: false,
      requiresConfirmation: true,
      disableGuests: false,
      priceCents: 4900,
      currency: "USD",
    });
  });

  it("is the inverse of the sync's mapping for every value a service can hold", () => {
    for (const variant of [service, { ...service, isActive: false, requiresConfirmation: true, disableGuests: false, description: "" }]) {
      const sent = mapServiceToEventTypeUpdate(variant);
      const back = mapEventTypeToServiceFields({ ...sent, price: variant.priceCents, currency: variant.currency.toLowerCase() });
      expect(back).toEqual(Object.fromEntries(Object.entries(variant).filter(([key]) => key !== "calcomEventTypeId")));
    }
  });

  it("reads a missing, null or disabled confirmation policy as no confirmation, any other policy as confirmation", () => {
    expect(mapEventTypeToServiceFields({}).requiresConfirmation).toBe(false);
    expect(mapEventTypeToServiceFields({ confirmationPolicy: null }).requiresConfirmation).toBe(false);
    expect(mapEventTypeToServiceFields({ confirmationPolicy: { disabled: true } }).requiresConfirmation).toBe(false);
    expect(mapEventTypeToServiceFields({ confirmationPolicy: { type: "time", noticeThreshold: { unit: "hours", count: 2 } } }).requiresConfirmation).toBe(true);
  });

  it("takes price and currency only when Cal.com charges one: price 0 and its default currency mean no payment set up", () => {
    expect(mapEventTypeToServiceFields({ price: 0, currency: "usd" })).toEqual({ requiresConfirmation: false });
    expect(mapEventTypeToServiceFields({ price: 1500, currency: "chf" })).toEqual({ priceCents: 1500, currency: "CHF", requiresConfirmation: false });
    expect(takeCalcomValues(service, { price: 0, currency: "usd" }).changes).toEqual([]);
  });

  it("leaves out what Cal.com does not report, and reads a null description as none", () => {
    const answered = { title: "Nur Titel", description: null } as unknown as CalcomEventTypeSnapshot;
    expect(mapEventTypeToServiceFields(answered)).toEqual({ name: "Nur Titel", description: "", requiresConfirmation: false });
  });
});

describe("takeCalcomValues", () => {
  it("lists each changed field with the service's value before and Cal.com's after, and nothing unchanged", () => {
    const { values, changes } = takeCalcomValues(service, { ...changedInCalcom, slug: service.slug, price: 2900, currency: "eur" });
    expect(changes).toEqual([
      { field: "name", before: "15 Minuten Schnellberatung", after: "Schnellberatung (neu)" },
      { field: "description", before: "Kurzes Telefonat", after: "Jetzt mit Rückruf" },
      { field: "durationMinutes", before: 15, after: 20 },
      { field: "bufferBeforeMinutes", before: 5, after: 0 },
      { field: "bufferAfterMinutes", before: 10, after: 15 },
      { field: "minimumBookingNoticeMinutes", before: 120, after: 60 },
      { field: "isActive", before: true, after: false },
      { field: "requiresConfirmation", before: false, after: true },
      { field: "disableGuests", before: true, after: false },
    ]);
    expect(values).toMatchObject({ name: "Schnellberatung (neu)", slug: service.slug, priceCents: 2900, currency: "EUR", calcomEventTypeId: 3664712 });
  });

  it("keeps the service's value of a field Cal.com leaves out, and changes nothing for an event type in step", () => {
    const { values, changes } = takeCalcomValues(service, { title: "Neu" });
    expect(changes).toEqual([{ field: "name", before: service.name, after: "Neu" }]);
    expect(values).toEqual({ ...service, name: "Neu" });
    const inStep = { ...mapServiceToEventTypeUpdate(service), price: 2900, currency: "eur" };
    expect(takeCalcomValues(service, inStep).changes).toEqual([]);
  });
});

describe("serviceInputFromEventType", () => {
  it("makes a valid service of an event type, with defaults for what Cal.com leaves out", () => {
    const input = serviceInputFromEventType({ title: "Erstgespräch", slug: "erstgespraech", lengthInMinutes: 30, hidden: false }, 3664799);
    expect(input).toEqual({
      name: "Erstgespräch",
      slug: "erstgespraech",
      description: "",
      durationMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minimumBookingNoticeMinutes: 0,
      isActive: true,
      requiresConfirmation: false,
      disableGuests: false,
      priceCents: 0,
      currency: "EUR",
      calcomEventTypeId: 3664799,
    });
    expect(serviceInputSchema.safeParse(input).success).toBe(true);
  });

  it("leaves a missing title, slug or length invalid rather than inventing one", () => {
    const invalid = invalidTakenFields(serviceInputFromEventType({}));
    expect(invalid.map(({ field }) => field)).toEqual(["name", "slug", "durationMinutes"]);
  });
});

describe("invalidTakenFields", () => {
  it("names each value a service cannot hold with the form's message, once per field", () => {
    const { values } = takeCalcomValues(service, { lengthInMinutes: 1, slug: "Mit Großbuchstaben", price: 100, currency: "xx" });
    expect(invalidTakenFields(values)).toEqual([
      { field: "slug", value: "Mit Großbuchstaben", message: expect.stringMatching(/^Slug may only contain/) },
      { field: "durationMinutes", value: 1, message: "Duration must be between 5 and 720 minutes" },
      { field: "currency", value: "XX", message: expect.stringMatching(/^Currency must be/) },
    ]);
    expect(invalidTakenFields(service)).toEqual([]);
  });
});

describe("isInStepWithEventType", () => {
  it("is true when every sent field equals Cal.com's, whatever price and currency say", () => {
    const sent = mapServiceToEventTypeUpdate(service);
    expect(isInStepWithEventType(service, { ...sent, confirmationPolicy: undefined, price: 100, currency: "usd" })).toBe(true);
    expect(isInStepWithEventType(service, { ...sent, minimumBookingNotice: 0 })).toBe(false);
  });

  it("holds after taking an event type's values, unless Cal.com's policy has no equal in a service", () => {
    expect(isInStepWithEventType(takeCalcomValues(service, changedInCalcom).values, changedInCalcom)).toBe(true);
    const timed = { ...changedInCalcom, confirmationPolicy: { type: "time", noticeThreshold: { unit: "hours", count: 2 } } };
    expect(isInStepWithEventType(takeCalcomValues(service, timed).values, timed)).toBe(false);
  });
});
