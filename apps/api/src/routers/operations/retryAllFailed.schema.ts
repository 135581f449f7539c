import { z } from "zod";

/** companyId: one company's failures (an operator may name any; a company user only their own); omitted: the caller's whole scope. */
export const retryAllFailedSchema = z.object({ companyId: z.uuid("Company id must be a UUID").optional() }).default({});

export type RetryAllFailedInput = z.infer<typeof retryAllFailedSchema>;
