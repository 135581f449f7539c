import { serviceInputSchema } from "@askpro/domain";
import { z } from "zod";

/** companyId is required from a platform operator and must be omitted (or be their own) for company users. */
export const createSchema = serviceInputSchema.extend({
  companyId: z.uuid("Company id must be a UUID").optional(),
});

export type CreateInput = z.infer<typeof createSchema>;
