import { z } from "zod";

/** companyId: required from a platform operator, optional (and only their own) for company users. */
export const companyTargetSchema = z.object({ companyId: z.uuid("Company id must be a UUID").optional() }).default({});

export type CompanyTargetInput = z.infer<typeof companyTargetSchema>;
