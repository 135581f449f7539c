import { z } from "zod";

export const calcomValuesSchema = z.object({ id: z.uuid("Service id must be a UUID") });

export type CalcomValuesInput = z.infer<typeof calcomValuesSchema>;
