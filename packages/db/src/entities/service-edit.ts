import { defineEntity, p } from "@mikro-orm/core";
import { Service } from "./service";
import { User } from "./user";
import { uuidPrimaryKey } from "./columns";

/** How a service changed: made (every field from null), edited in the form, linked to or unlinked from an event type. */
export const SERVICE_EDIT_KINDS = ["create", "update", "link", "unlink"] as const;
export type ServiceEditKind = (typeof SERVICE_EDIT_KINDS)[number];

/** A field's value as JSON holds it: the service's fields are texts, numbers and flags. */
export type EditedValue = string | number | boolean | null;

/** One field of one edit, with the value before and after it. */
export interface ServiceFieldChange {
  field: string;
  from: EditedValue;
  to: EditedValue;
}

/**
 * One change to a service (who, when, each field from -> to), written in the transaction of the change
 * itself (see service-edits/), so the edit history never misses or invents one.
 */
const ServiceEditSchema = defineEntity({
  name: "ServiceEdit",
  tableName: "service_edits",
  properties: {
    id: uuidPrimaryKey(),
    service: () => p.manyToOne(Service).deleteRule("cascade"),
    /** null when the user was deleted since. */
    editedBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
    editedAt: p.datetime().onCreate(() => new Date()),
    kind: p.enum(SERVICE_EDIT_KINDS),
    changes: p.json<ServiceFieldChange[]>(),
  },
  indexes: [{ properties: ["service", "editedAt"], name: "service_edits_service_id_edited_at_index" }],
});

export class ServiceEdit extends ServiceEditSchema.class {}
ServiceEditSchema.setClass(ServiceEdit);
export { ServiceEditSchema };
