import { z } from "zod";

export const bulkSyncCancelSchema = z.object({ runId: z.uuid("Run id must be a UUID") }).strict();

export type BulkSyncCancelInput = z.infer<typeof bulkSyncCancelSchema>;
