import { SYNC_STATUSES } from "@askpro/domain";
import { defineEntity, p } from "@mikro-orm/core";
import { uuidPrimaryKey } from "./columns";
import { Company } from "./company";
import { Service } from "./service";
import { User } from "./user";

/**
 * One "Sync selected" / "Sync all changed" of a company: the services it asked to sync, so that every
 * admin and viewer of the company can read its progress, and "Cancel remaining" knows which jobs are its.
 * Each service still records its own sync attempt (its history row); the run only points at them.
 */
const BulkSyncRunSchema = defineEntity({
  name: "BulkSyncRun",
  tableName: "bulk_sync_runs",
  properties: {
    id: uuidPrimaryKey(),
    company: () => p.manyToOne(Company).deleteRule("cascade").index(),
    /** null when the user was deleted since. */
    requestedBy: () => p.manyToOne(User).nullable().deleteRule("set null"),
    requestedAt: p.datetime().onCreate(() => new Date()),
    /** Services the run looked at and did not send (not linked, already pending, already in step). */
    skipped: p.integer().default(0),
    /** Set by "Cancel remaining". */
    cancelledAt: p.datetime().nullable(),
  },
});

export class BulkSyncRun extends BulkSyncRunSchema.class {}
BulkSyncRunSchema.setClass(BulkSyncRun);
export { BulkSyncRunSchema };

/**
 * One service a bulk run sent: the attempt (history row) its progress reads, the job that runs it (to
 * cancel it before it starts), and the status the service had, which a cancel gives back.
 */
const BulkSyncRunItemSchema = defineEntity({
  name: "BulkSyncRunItem",
  tableName: "bulk_sync_run_items",
  properties: {
    id: uuidPrimaryKey(),
    run: () => p.manyToOne(BulkSyncRun).deleteRule("cascade").index(),
    service: () => p.manyToOne(Service).deleteRule("cascade"),
    /** null when the job could not be queued (queueError says why). Indexed: Operations leaves bulk runs' attempts out of the click p95. */
    attemptId: p.uuid().nullable().index(),
    jobId: p.string().length(200).nullable(),
    previousStatus: p.enum(SYNC_STATUSES),
    queueError: p.text().nullable(),
  },
});

export class BulkSyncRunItem extends BulkSyncRunItemSchema.class {}
BulkSyncRunItemSchema.setClass(BulkSyncRunItem);
export { BulkSyncRunItemSchema };
