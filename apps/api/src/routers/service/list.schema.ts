import { SYNC_STATUSES } from "@askpro/domain";
import { z } from "zod";

export const listSchema = z
  .object({
    search: z.string().trim().max(200, "Search must be at most 200 characters").optional(),
    status: z.enum(SYNC_STATUSES).optional(),
    /** Only services with a sent field edited since Cal.com last confirmed them ("Changed since last sync"). */
    changed: z.boolean().optional(),
    page: z.number().int().min(1, "Page must be 1 or more").default(1),
    pageSize: z.number().int().min(1).max(100, "Page size must be at most 100").default(20),
  })
  .default({ page: 1, pageSize: 20 });

export type ListInput = z.infer<typeof listSchema>;
