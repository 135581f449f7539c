import { z } from "zod";

/** A run by id, or (no runId) the latest run of the caller's company, so every member sees one started elsewhere. */
export const bulkSyncProgressSchema = z.object({ runId: z.uuid("Run id must be a UUID").optional() }).strict().default({});

export type BulkSyncProgressInput = z.infer<typeof bulkSyncProgressSchema>;
