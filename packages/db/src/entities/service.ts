import { CALCOM_ASSIGNMENTS, DRIFT_STATES, type DriftDetail, SYNC_STATUSES, type SyncReason } from "@askpro/domain";
import { defineEntity, p } from "@mikro-orm/core";
import { SENT_DIGEST_SQL } from "../services/sent-digest";
import { Company } from "./company";
import { createdAt, updatedAt, uuidPrimaryKey } from "./columns";

/** Joins the searched columns in searchText; a term containing it could match across two columns. */
export const SERVICE_SEARCH_SEPARATOR = "\x1f";

/**
 * The column service.list searches with one LIKE: name, slug and description lower-cased and joined by
 * SERVICE_SEARCH_SEPARATOR, kept by PostgreSQL (a stored generated column, migration service_search_text)
 * and indexed with trigrams (services_search_text_trgm). Stored rather than an index on the expression:
 * every row the index finds is checked again, and recomputing lower() of the joined text for each of
 * them took about half of a search's time.
 */
export const SERVICE_SEARCH_TEXT_COLUMN = "search_text";

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
    /** How "Create in Cal.com" makes its team event type assign bookings; null: the company's default. */
    calcomAssignment: p.enum(CALCOM_ASSIGNMENTS).nullable(),
    syncStatus: p.enum(SYNC_STATUSES).default("never"),
    /** The last sync's failure in plain English (logs, API consumers, rows from before syncReason). */
    syncError: p.text().nullable(),
    /** The same failure as a code with parameters, which the SPA words in the reader's language. */
    syncReason: p.json<SyncReason>().nullable(),
    lastSyncedAt: p.datetime().nullable(),
    lastSyncAttemptAt: p.datetime().nullable(),
    version: p.integer().version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * The digest of the fields a sync sends, as they are now; kept by PostgreSQL (see sent-digest.ts).
     * Lazy and hidden like searchText.
     */
    sentDigest: p.string().length(32).generated(`(${SENT_DIGEST_SQL}) stored`).nullable().lazy().hidden(),
    /** sentDigest of what Cal.com last confirmed; null: nothing confirmed since the link. */
    syncedDigest: p.string().length(32).nullable(),
    /**
     * What the drift check last found in Cal.com (packages/db/src/drift): in step, changed (driftReason
     * names the fields with both values) or missing; null: not checked since the link, a sync, Take
     * Cal.com's values or an unlink. Not a sync status: it says what Cal.com holds, not how our push went.
     */
    driftState: p.enum(DRIFT_STATES).nullable(),
    driftReason: p.json<DriftDetail>().nullable(),
    driftCheckedAt: p.datetime().nullable(),
    /**
     * See SERVICE_SEARCH_TEXT_COLUMN; lazy, so loading services leaves it out (an update still reads it
     * back, as MikroORM does with every generated column). Spelled as PostgreSQL prints it back
     * (chr(31), no E'' literal) so the schema diff sees no change. Nullable like every generated column.
     */
    searchText: p.text().generated(`(lower("name" || chr(31) || "slug" || chr(31) || "description")) stored`).nullable().lazy().hidden(),
  },
  uniques: [{ properties: ["company", "slug"], name: "services_company_slug_unique" }],
  indexes: [
    {
      name: "services_search_text_trgm",
      expression: `create index "services_search_text_trgm" on "services" using gin ("${SERVICE_SEARCH_TEXT_COLUMN}" gin_trgm_ops)`,
    },
  ],
});

export class Service extends ServiceSchema.class {}
ServiceSchema.setClass(Service);
export { ServiceSchema };
