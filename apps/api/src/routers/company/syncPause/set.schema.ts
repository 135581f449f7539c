import { z } from "zod";

export const setSyncPauseSchema = z.object({
  companyId: z.uuid("Company id must be a UUID").optional(),
  paused: z.boolean("Paused is true or false"),
});

export type SetSyncPauseInput = z.infer<typeof setSyncPauseSchema>;
