import { z } from "zod";

export const SYNC_STATUSES = ["never", "pending", "synced", "error"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

/**
 * A sync may start from any settled state and ends in synced or error. pending -> pending is refused
 * so that a second click (or a second admin) never queues a second job for the same service.
 */
const SYNC_TRANSITIONS: Record<SyncStatus, readonly SyncStatus[]> = {
  never: ["pending"],
  synced: ["pending"],
  error: ["pending"],
  pending: ["synced", "error"],
};

export function canTransitionSyncStatus(from: SyncStatus, to: SyncStatus): boolean {
  return SYNC_TRANSITIONS[from].includes(to);
}

export class SyncStatusTransitionError extends Error {
  constructor(
    readonly from: SyncStatus,
    readonly to: SyncStatus,
  ) {
    super(`A service cannot go from sync status "${from}" to "${to}"`);
    this.name = "SyncStatusTransitionError";
  }
}

export function assertSyncStatusTransition(from: SyncStatus, to: SyncStatus): void {
  if (!canTransitionSyncStatus(from, to)) throw new SyncStatusTransitionError(from, to);
}

/** The statuses a service may be in for a new sync to start (the WHERE of the conditional UPDATE). */
export const SYNC_STARTABLE_STATUSES: readonly SyncStatus[] = SYNC_STATUSES.filter((status) =>
  canTransitionSyncStatus(status, "pending"),
);

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const ISO_4217_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

function wholeNumber(label: string, unit: string, min: number, max: number) {
  const range = `${label} must be between ${min} and ${max.toLocaleString("en")} ${unit}`;
  return z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number of ${unit}`)
    .min(min, range)
    .max(max, range);
}

export const MAX_PRICE_CENTS = 2_147_483_647;

export const serviceInputSchema = z.object({
  name: z
    .string({ error: "Name is required" })
    .trim()
    .min(1, "Name is required")
    .max(120, "Name must be at most 120 characters"),
  slug: z
    .string({ error: "Slug is required" })
    .min(1, "Slug is required")
    .max(100, "Slug must be at most 100 characters")
    .regex(SLUG_PATTERN, "Slug may only contain lowercase letters, digits and single dashes between them, e.g. erstberatung-30"),
  description: z.string({ error: "Description must be text" }).max(5000, "Description must be at most 5,000 characters"),
  durationMinutes: wholeNumber("Duration", "minutes", 5, 720),
  bufferBeforeMinutes: wholeNumber("Buffer before", "minutes", 0, 240),
  bufferAfterMinutes: wholeNumber("Buffer after", "minutes", 0, 240),
  minimumBookingNoticeMinutes: wholeNumber("Minimum booking notice", "minutes", 0, 43_200),
  priceCents: z
    .number({ error: "Price must be a number" })
    .int("Price must be a whole number of cents")
    .min(0, "Price cannot be negative")
    // The database keeps cents in a 4-byte integer; the form should say so before the save does.
    .max(MAX_PRICE_CENTS, "Price must be at most 21,474,836.47"),
  currency: z
    .string({ error: "Currency is required" })
    .refine((code) => ISO_4217_CODES.has(code), "Currency must be a three-letter ISO 4217 code in capitals, e.g. EUR"),
  isActive: z.boolean({ error: "Active must be yes or no" }),
  requiresConfirmation: z.boolean({ error: "Requires confirmation must be yes or no" }),
  disableGuests: z.boolean({ error: "Disable guests must be yes or no" }),
  calcomEventTypeId: z
    .number({ error: "Cal.com event type id must be a number" })
    .int("Cal.com event type id must be a whole number")
    .positive("Cal.com event type id must be a positive number")
    .max(Number.MAX_SAFE_INTEGER, "Cal.com event type id is too large")
    .nullable(),
});

export const serviceUpdateSchema = serviceInputSchema.extend({
  id: z.uuid("Service id must be a UUID"),
  version: z.number().int().min(1, "Version must be a positive whole number"),
});

export type ServiceInput = z.infer<typeof serviceInputSchema>;
export type ServiceUpdate = z.infer<typeof serviceUpdateSchema>;
