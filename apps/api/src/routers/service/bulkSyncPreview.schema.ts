import { z } from "zod";

/** The most services one bulk request names; "Sync all changed" (changedOnly) has no limit. */
export const BULK_SYNC_MAX_IDS = 1000;

/** Either the services named ("Sync selected") or every service of the company ("Sync all changed"). */
export const bulkSelectionSchema = z
  .object({
    ids: z.array(z.uuid("Service id must be a UUID")).min(1, "Select at least one service").max(BULK_SYNC_MAX_IDS, `Select at most ${BULK_SYNC_MAX_IDS} services`).optional(),
    changedOnly: z.literal(true).optional(),
  })
  .strict()
  .refine((input) => (input.ids === undefined) !== (input.changedOnly === undefined), { message: "Give either ids or changedOnly: true" });

export const bulkSyncPreviewSchema = bulkSelectionSchema;

export type BulkSelectionInput = z.infer<typeof bulkSelectionSchema>;
