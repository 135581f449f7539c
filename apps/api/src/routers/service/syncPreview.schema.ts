import { z } from "zod";

export const syncPreviewSchema = z.object({ id: z.uuid("Service id must be a UUID") });

export type SyncPreviewInput = z.infer<typeof syncPreviewSchema>;
