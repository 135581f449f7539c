import { z } from "zod";

/** The data of a `calcom.update-event-type` job: which service to push, and the attempt row to record on. */
export const syncJobPayloadSchema = z.object({
  serviceId: z.string().min(1),
  attemptId: z.string().min(1),
});

export type SyncJobPayload = z.infer<typeof syncJobPayloadSchema>;
