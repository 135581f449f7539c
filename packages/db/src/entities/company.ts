import { CALCOM_ASSIGNMENTS, DEFAULT_CALCOM_ASSIGNMENT } from "@askpro/domain";
import { defineEntity, p } from "@mikro-orm/core";
import { createdAt, updatedAt, uuidPrimaryKey } from "./columns";

const CompanySchema = defineEntity({
  name: "Company",
  tableName: "companies",
  properties: {
    id: uuidPrimaryKey(),
    name: p.string().length(200),
    slug: p.string().length(100).unique(),
    calcomTeamId: p.bigint("number").nullable(),
    /** Encrypted with APP_SECRET by the code that sets it; never selected into API output. */
    calcomApiKeyEncrypted: p.text().nullable().lazy(),
    /** How team event types made by "Create in Cal.com" assign bookings, unless the service says otherwise. */
    calcomAssignment: p.enum(CALCOM_ASSIGNMENTS).default(DEFAULT_CALCOM_ASSIGNMENT),
    /** Auto-sync: saving a change to a field that is sent to Cal.com requests a sync by itself. */
    autoSync: p.boolean().default(false),
    /** "Pause syncing": since when the worker sends nothing to Cal.com for the company; null: syncing. */
    syncPausedAt: p.datetime().nullable(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
});

export class Company extends CompanySchema.class {}
CompanySchema.setClass(Company);
export { CompanySchema };
