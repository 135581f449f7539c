import { z } from "zod";

/** The service the picker links: its company decides whose event types are listed. */
export const linkableEventTypesSchema = z.object({ id: z.uuid("Service id must be a UUID") });

export type LinkableEventTypesInput = z.infer<typeof linkableEventTypesSchema>;
