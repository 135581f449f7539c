import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type CalcomEventTypeSnapshot,
  describeNotSentFields,
  diffServiceAgainstEventType,
  mapServiceToEventTypeUpdate,
  NOT_SENT_FIELDS,
  type SyncableService,
} from "./calcom-mapping";
import type { ServiceInput } from "./service";

const service: SyncableService = {
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
};

/** Cal.com's event type as it would be after a sync of `service`. */
const inStep: CalcomEventTypeSnapshot = {
  title: "15 Minuten Schnellberatung",
  slug: "15-minuten-schnellberatung",
  description: "Kurzes Telefonat",
  lengthInMinutes: 15,
  beforeEventBuffer: 5,
  afterEventBuffer: 10,
  minimumBookingNotice: 120,
  hidden: false,
  confirmationPolicy: { disabled: true },
  disableGuests: true,
  price: 2900,
  currency: "eur",
};

describe("mapServiceToEventTypeUpdate", () => {
  it("maps every field of the ARCHITECTURE table with Cal.com's v2 names", () => {
    expect(mapServiceToEventTypeUpdate(service)).toEqual({
      title: "15 Minuten Schnellberatung",
      slug: "15-minuten-schnellberatung",
      description: "Kurzes Telefonat",
      lengthInMinutes: 15,
      beforeEventBuffer: 5,
      afterEventBuffer: 10,
      minimumBookingNotice: 120,
      hidden: false,
      confirmationPolicy: { disabled: true },
      disableGuests: true,
    });
  });

  it("hides inactive services and sends an always-confirm policy that keeps the slot blocked", () => {
    const body = mapServiceToEventTypeUpdate({ ...service, isActive: false, requiresConfirmation: true });
    expect(body.hidden).toBe(true);
    expect(body.confirmationPolicy).toEqual({ type: "always", blockUnconfirmedBookingsInBooker: true });
  });

  it("sends an empty description for a service without one", () => {
    expect(mapServiceToEventTypeUpdate({ ...service, description: null }).description).toBe("");
  });

  it("accepts a validated service as it is", () => {
    expectTypeOf<ServiceInput>().toExtend<SyncableService>();
  });

  it("never sends price or currency, nor v1 field names", () => {
    const keys = Object.keys(mapServiceToEventTypeUpdate(service));
    for (const forbidden of ["price", "currency", "length", "eventName", "requiresConfirmation", "beforeBufferTime"]) {
      expect(keys).not.toContain(forbidden);
    }
    expect(NOT_SENT_FIELDS.map((f) => f.field)).toEqual(["price", "currency"]);
    expect(NOT_SENT_FIELDS[0]?.reason).toMatch(/no price input/);
  });
});

describe("diffServiceAgainstEventType", () => {
  it("lists every sent field and marks none changed when Cal.com is in step", () => {
    const rows = diffServiceAgainstEventType(service, inStep);
    expect(rows.map((row) => row.field)).toEqual(Object.keys(mapServiceToEventTypeUpdate(service)));
    expect(rows.filter((row) => row.changed)).toEqual([]);
  });

  it("marks exactly the fields that differ, with Cal.com's current value", () => {
    const rows = diffServiceAgainstEventType(service, {
      ...inStep,
      lengthInMinutes: 30,
      hidden: true,
      confirmationPolicy: { type: "always", blockUnconfirmedBookingsInBooker: false },
    });
    const changed = rows.filter((row) => row.changed);
    expect(changed.map((row) => [row.field, row.sent, row.current])).toEqual([
      ["lengthInMinutes", 15, 30],
      ["hidden", false, true],
      ["confirmationPolicy", { disabled: true }, { type: "always", blockUnconfirmedBookingsInBooker: false }],
    ]);
    expect(changed[0]?.serviceField).toBe("durationMinutes");
  });

  it("compares confirmation policies by content, not key order", () => {
    const rows = diffServiceAgainstEventType(
      { ...service, requiresConfirmation: true },
      { ...inStep, confirmationPolicy: { blockUnconfirmedBookingsInBooker: true, type: "always" } },
    );
    expect(rows.find((row) => row.field === "confirmationPolicy")?.changed).toBe(false);
  });

  it("leaves current undefined and every row to be written when Cal.com cannot be read", () => {
    const rows = diffServiceAgainstEventType(service, null);
    expect(rows).toHaveLength(10);
    expect(rows.every((row) => row.current === undefined && row.changed)).toBe(true);
  });
});

describe("describeNotSentFields", () => {
  it("reports price and currency drift without sending them", () => {
    const drift = describeNotSentFields(service, { ...inStep, price: 4900, currency: "usd" });
    expect(drift.map((d) => [d.field, d.local, d.current, d.differs])).toEqual([
      ["price", 2900, 4900, true],
      ["currency", "EUR", "usd", true],
    ]);
  });

  it("treats Cal.com's lowercase currency as equal and an unpriced service as free", () => {
    const drift = describeNotSentFields({ ...service, priceCents: null }, { ...inStep, price: 0 });
    expect(drift.map((d) => d.differs)).toEqual([false, false]);
  });

  it("claims no drift when Cal.com cannot be read", () => {
    const drift = describeNotSentFields(service, null);
    expect(drift.map((d) => [d.current, d.differs])).toEqual([
      [undefined, false],
      [undefined, false],
    ]);
  });
});
