import { CALCOM_ASSIGNMENTS } from "@askpro/domain";
import { z } from "zod";

export const setCalcomAssignmentSchema = z.object({
  companyId: z.uuid("Company id must be a UUID").optional(),
  assignment: z.enum(CALCOM_ASSIGNMENTS, "Choose round robin or collective"),
});

export type SetCalcomAssignmentInput = z.infer<typeof setCalcomAssignmentSchema>;
