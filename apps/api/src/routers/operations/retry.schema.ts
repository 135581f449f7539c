import { z } from "zod";

export const retrySyncSchema = z.object({ serviceId: z.uuid("Service id must be a UUID") });

export type RetrySyncInput = z.infer<typeof retrySyncSchema>;
