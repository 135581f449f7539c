import { z } from "zod";

export const byIdSchema = z.object({ id: z.uuid("Service id must be a UUID") });

export type ByIdInput = z.infer<typeof byIdSchema>;
