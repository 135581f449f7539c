import { SYNC_STATUSES } from "@askpro/domain";
import { defineEntity, p } from "@mikro-orm/core";
import { Company } from "./company";
import { createdAt, updatedAt, uuidPrimaryKey } from "./columns";

const ServiceSchema = defineEntity({
  name: "Service",
  tableName: "services",
  properties: {
    id: uuidPrimaryKey(),
    company: () => p.manyToOne(Company).deleteRule("cascade"),
    name: p.string().length(120),
    slug: p.string().length(100),
    description: p.text().default(""),
    durationMinutes: p.integer(),
    bufferBeforeMinutes: p.integer().default(0),
    bufferAfterMinutes: p.integer().default(0),
    minimumBookingNoticeMinutes: p.integer().default(0),
    priceCents: p.integer().default(0),
    currency: p.string().columnType("char(3)").default("EUR"),
    isActive: p.boolean().default(true),
    requiresConfirmation: p.boolean().default(false),
    disableGuests: p.boolean().default(false),
    calcomEventTypeId: p.bigint("number").nullable().unique(),
    syncStatus: p.enum(SYNC_STATUSES).default("never"),
    syncError: p.text().nullable(),
    lastSyncedAt: p.datetime().nullable(),
    lastSyncAttemptAt: p.datetime().nullable(),
    version: p.integer().version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  uniques: [{ properties: ["company", "slug"], name: "services_company_slug_unique" }],
});

export class Service extends ServiceSchema.class {}
ServiceSchema.setClass(Service);
export { ServiceSchema };
