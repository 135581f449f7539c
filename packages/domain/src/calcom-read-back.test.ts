import { describe, expect, it } from "vitest";
import { type CalcomEventTypeSnapshot, mapServiceToEventTypeUpdate, type SyncableService } from "./calcom-mapping";
import { describeUnappliedFields, unappliedFields } from "./calcom-read-back";

const service: SyncableService = {
  name: "Erstgespräch",
  slug: "erstgespraech",
  description: null,
  durationMinutes: 30,
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  minimumBookingNoticeMinutes: 120,
  isActive: true,
  requiresConfirmation: false,
  disableGuests: false,
  priceCents: null,
  currency: null,
};
const sent = mapServiceToEventTypeUpdate(service);

/** Cal.com's answer when every sent field took, with the extras a real answer carries. */
const applied: CalcomEventTypeSnapshot & Record<string, unknown> = {
  id: 7,
  ...sent,
  confirmationPolicy: { disabled: true },
  price: 0,
  currency: "usd",
  locations: [],
};

describe("unappliedFields", () => {
  it("finds nothing when the answer holds every sent value", () => {
    expect(unappliedFields(sent, applied)).toEqual([]);
  });

  it("names a field Cal.com answered with its old value, with both values", () => {
    expect(unappliedFields(sent, { ...applied, minimumBookingNotice: 0 })).toEqual([{ field: "minimumBookingNotice", sent: 120, actual: 0 }]);
  });

  it("lists several in the order they were sent", () => {
    const answer = { ...applied, hidden: true, title: "Old title" };
    expect(unappliedFields(sent, answer).map(({ field }) => field)).toEqual(["title", "hidden"]);
  });

  it("takes a missing or null confirmation policy as disabled, and ignores keys Cal.com adds to it", () => {
    expect(unappliedFields(sent, { ...applied, confirmationPolicy: undefined })).toEqual([]);
    expect(unappliedFields(sent, { ...applied, confirmationPolicy: null })).toEqual([]);
    const confirming = mapServiceToEventTypeUpdate({ ...service, requiresConfirmation: true });
    const answer = { ...applied, ...confirming, confirmationPolicy: { type: "always", blockUnconfirmedBookingsInBooker: true, noticeThreshold: undefined } };
    expect(unappliedFields(confirming, answer)).toEqual([]);
  });

  it("names a confirmation policy that did not take, in either direction", () => {
    const confirming = mapServiceToEventTypeUpdate({ ...service, requiresConfirmation: true });
    expect(unappliedFields(confirming, { ...applied, confirmationPolicy: { disabled: true } })).toEqual([
      { field: "confirmationPolicy", sent: { type: "always", blockUnconfirmedBookingsInBooker: true }, actual: { disabled: true } },
    ]);
    const kept = { type: "always", blockUnconfirmedBookingsInBooker: false };
    expect(unappliedFields(sent, { ...applied, confirmationPolicy: kept })).toEqual([{ field: "confirmationPolicy", sent: { disabled: true }, actual: kept }]);
  });

  it("takes a null description as the empty one the mapping sends, but not another text", () => {
    expect(unappliedFields(sent, { ...applied, description: null as unknown as string })).toEqual([]);
    expect(unappliedFields(sent, { ...applied, description: "Old text" })).toEqual([{ field: "description", sent: "", actual: "Old text" }]);
  });

  it("does not judge a field the answer leaves out, and tells false from a missing value", () => {
    const { minimumBookingNotice: _, ...withoutNotice } = applied;
    expect(unappliedFields(sent, withoutNotice)).toEqual([]);
    expect(unappliedFields(sent, { ...applied, disableGuests: true })).toEqual([{ field: "disableGuests", sent: false, actual: true }]);
  });
});

describe("describeUnappliedFields", () => {
  it("words the reason with the field and both values", () => {
    expect(describeUnappliedFields([{ field: "minimumBookingNotice", sent: 120, actual: 0 }])).toBe(
      "Cal.com did not apply: minimumBookingNotice (sent 120, Cal.com has 0)",
    );
    expect(describeUnappliedFields([{ field: "title", sent: "New", actual: "Old" }, { field: "hidden", sent: false, actual: true }])).toBe(
      'Cal.com did not apply: title (sent "New", Cal.com has "Old"), hidden (sent false, Cal.com has true)',
    );
  });

});
