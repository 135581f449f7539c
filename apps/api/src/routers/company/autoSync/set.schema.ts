import { z } from "zod";

export const setAutoSyncSchema = z.object({
  companyId: z.uuid("Company id must be a UUID").optional(),
  enabled: z.boolean("Auto-sync is on or off"),
});

export type SetAutoSyncInput = z.infer<typeof setAutoSyncSchema>;
