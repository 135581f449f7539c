import { z } from "zod";
import { CALCOM_ASSIGNMENTS } from "./calcom-create";

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
  /** How "Create in Cal.com" assigns the team event type's bookings; null: the company's default; omitted: unchanged. */
  calcomAssignment: z.enum(CALCOM_ASSIGNMENTS, "Choose round robin, collective or the company's default").nullable().optional(),
});

export const serviceUpdateSchema = serviceInputSchema.extend({
  id: z.uuid("Service id must be a UUID"),
  version: z.number().int().min(1, "Version must be a positive whole number"),
});

export type ServiceInput = z.infer<typeof serviceInputSchema>;
export type ServiceUpdate = z.infer<typeof serviceUpdateSchema>;
