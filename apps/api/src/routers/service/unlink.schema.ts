import { z } from "zod";

export const unlinkSchema = z.object({
  id: z.uuid("Service id must be a UUID"),
  version: z.number().int().min(1, "Version must be a positive whole number"),
});

export type UnlinkInput = z.infer<typeof unlinkSchema>;
