import { z } from "zod";

export const editHistorySchema = z.object({
  id: z.uuid("Service id must be a UUID"),
  limit: z.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
});

export type EditHistoryInput = z.infer<typeof editHistorySchema>;
