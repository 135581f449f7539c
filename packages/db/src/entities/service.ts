import { SYNC_STATUSES } from "@askpro/domain";
import { defineEntity, p } from "@mikro-orm/core";
import { Company } from "./company";
import { createdAt, updatedAt, uuidPrimaryKey } from "./columns";

/** Joins the searched columns in serviceSearchText; a term containing it could match across two columns. */
export const SERVICE_SEARCH_SEPARATOR = "\x1f";

/**
 * What service.list searches, lower-cased: name, slug and description joined by SERVICE_SEARCH_SEPARATOR.
 * The trigram index services_search_trgm is built on exactly this expression (pg_trgm, migration
 * service_search); a query that spells it differently is not served by the index.
 */
export function serviceSearchText(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}."${name}"` : `"${name}"`);
  return `lower(${column("name")} || E'\\x1f' || ${column("slug")} || E'\\x1f' || ${column("description")})`;
}

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
  indexes: [
    {
      name: "services_search_trgm",
      expression: `create index "services_search_trgm" on "services" using gin (${serviceSearchText()} gin_trgm_ops)`,
    },
  ],
});

export class Service extends ServiceSchema.class {}
ServiceSchema.setClass(Service);
export { ServiceSchema };
