import { z } from "zod";

export const deleteSchema = z.object({ id: z.uuid("Service id must be a UUID") });

export type DeleteInput = z.infer<typeof deleteSchema>;
