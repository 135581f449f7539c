import { z } from "zod";

export const syncSchema = z.object({ id: z.uuid("Service id must be a UUID") });

export type SyncInput = z.infer<typeof syncSchema>;
