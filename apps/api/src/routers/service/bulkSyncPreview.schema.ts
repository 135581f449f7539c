import { SYNC_STATUSES } from "@askpro/domain";
import { z } from "zod";

/** The most services one bulk request names; "Sync all changed" (changedOnly) has no limit. */
export const BULK_SYNC_MAX_IDS = 1000;

/**
 * Exactly one of: the services named ("Sync selected"), those matching the list's filter across pages
 * ("Select all that match", then "Sync selected"), or every service of the company ("Sync all changed").
 */
export const bulkSelectionSchema = z
  .object({
    ids: z.array(z.uuid("Service id must be a UUID")).min(1, "Select at least one service").max(BULK_SYNC_MAX_IDS, `Select at most ${BULK_SYNC_MAX_IDS} services`).optional(),
    filter: z
      .object({
        search: z.string().trim().max(200, "Search must be at most 200 characters").optional(),
        status: z.enum(SYNC_STATUSES).optional(),
        changed: z.boolean().optional(),
      })
      .strict()
      .optional(),
    changedOnly: z.literal(true).optional(),
  })
  .strict()
  .refine((input) => [input.ids, input.filter, input.changedOnly].filter((given) => given !== undefined).length === 1, {
    message: "Give exactly one of ids, filter or changedOnly: true",
  });

export const bulkSyncPreviewSchema = bulkSelectionSchema;

export type BulkSelectionInput = z.infer<typeof bulkSelectionSchema>;
