import { CALCOM_API_KEY_PATTERN } from "@askpro/domain";
import { z } from "zod";

/** The messages never repeat the key: zod issues reach the browser and the logs. */
export const setCalcomKeySchema = z.object({
  companyId: z.uuid("Company id must be a UUID").optional(),
  apiKey: z
    .string("Enter the Cal.com API key")
    .trim()
    .min(8, "That is too short for a Cal.com API key")
    .max(200, "That is too long for a Cal.com API key")
    .regex(CALCOM_API_KEY_PATTERN, "A Cal.com API key starts with cal_ or cal_live_ and has only letters, digits and underscores"),
});

export type SetCalcomKeyInput = z.infer<typeof setCalcomKeySchema>;
