import { z } from "zod";

export const takeCalcomValuesSchema = z.object({
  id: z.uuid("Service id must be a UUID"),
  /** The version the admin saw the changes for: a newer save makes this CONFLICT, and is kept. */
  version: z.number().int().min(1, "Version must be a positive whole number"),
});

export type TakeCalcomValuesInput = z.infer<typeof takeCalcomValuesSchema>;
