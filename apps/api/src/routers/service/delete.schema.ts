import { z } from "zod";

/** What deleting a linked service does to its event type in Cal.com. */
export const EVENT_TYPE_ON_DELETE = ["keep", "hide", "delete"] as const;
export type EventTypeOnDelete = (typeof EVENT_TYPE_ON_DELETE)[number];

export const deleteSchema = z.object({
  id: z.uuid("Service id must be a UUID"),
  /** Required when the service is linked; an unlinked service has no event type to keep, hide or delete. */
  eventType: z.enum(EVENT_TYPE_ON_DELETE, { error: "Choose keep, hide or delete for the Cal.com event type" }).optional(),
});

export type DeleteInput = z.infer<typeof deleteSchema>;
