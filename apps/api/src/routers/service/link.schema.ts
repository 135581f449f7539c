import { serviceInputSchema } from "@askpro/domain";
import { z } from "zod";

export const linkSchema = z.object({
  id: z.uuid("Service id must be a UUID"),
  version: z.number().int().min(1, "Version must be a positive whole number"),
  eventTypeId: serviceInputSchema.shape.calcomEventTypeId.unwrap(),
});

export type LinkInput = z.infer<typeof linkSchema>;
