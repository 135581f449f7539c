import { serviceInputSchema } from "@askpro/domain";
import { z } from "zod";

/** The most event types one import takes: each is a row written and a line in the answer. */
export const MAX_IMPORT_EVENT_TYPES = 100;

/** Only ids: every field of a new service is read from Cal.com by the server, never taken from the browser. */
export const importEventTypesSchema = z.object({
  companyId: z.uuid("Company id must be a UUID").optional(),
  eventTypeIds: z
    .array(serviceInputSchema.shape.calcomEventTypeId.unwrap(), "Choose the event types to import")
    .min(1, "Choose at least one event type to import")
    .max(MAX_IMPORT_EVENT_TYPES, `At most ${MAX_IMPORT_EVENT_TYPES} event types can be imported at once`)
    .refine((ids) => new Set(ids).size === ids.length, "Each event type can be chosen once"),
});

export type ImportEventTypesInput = z.infer<typeof importEventTypesSchema>;
