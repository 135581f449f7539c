import { z } from "zod";

export const createInCalcomSchema = z.object({ id: z.uuid("Service id must be a UUID") });

export type CreateInCalcomInput = z.infer<typeof createInCalcomSchema>;
