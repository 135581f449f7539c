import type { ServiceInput } from "@askpro/domain";

export function serviceInput(overrides: Partial<ServiceInput> = {}): ServiceInput {
  return {
    name: "Telefonberatung",
    slug: "telefonberatung",
    description: "Beratung am Telefon.",
    durationMinutes: 25,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 5,
    minimumBookingNoticeMinutes: 60,
    priceCents: 3900,
    currency: "EUR",
    isActive: true,
    requiresConfirmation: false,
    disableGuests: false,
    calcomEventTypeId: null,
    ...overrides,
  };
}
