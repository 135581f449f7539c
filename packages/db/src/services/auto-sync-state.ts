import type { SyncStatus } from "@askpro/domain";
import { sql } from "kysely";
import { db } from "../kysely";
import type { EntityManager } from "../orm";

/** What auto-sync decides on: the company's setting and whether Cal.com lacks the service's sent fields. */
export interface AutoSyncState {
  companyId: string;
  autoSync: boolean;
  syncStatus: SyncStatus;
  linked: boolean;
  /** Cal.com confirmed the sent fields at some point since the link (synced_digest is set). */
  confirmed: boolean;
  /** See sent-digest.ts: a sent field differs from what Cal.com last confirmed. */
  changedSinceSync: boolean;
}

/** One statement; undefined when the service is gone. */
export async function loadAutoSyncState(em: EntityManager, serviceId: string): Promise<AutoSyncState | undefined> {
  const row = await db(em)
    .selectFrom("services as s")
    .innerJoin("companies as c", "c.id", "s.company_id")
    .select([
      "s.company_id",
      "c.auto_sync",
      "s.sync_status",
      sql<boolean>`s.calcom_event_type_id IS NOT NULL`.as("linked"),
      sql<boolean>`s.synced_digest IS NOT NULL`.as("confirmed"),
      sql<boolean>`s.synced_digest IS NOT NULL AND s.synced_digest IS DISTINCT FROM s.sent_digest`.as("changed"),
    ])
    .where("s.id", "=", serviceId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { companyId: row.company_id, autoSync: row.auto_sync, syncStatus: row.sync_status as SyncStatus, linked: row.linked, confirmed: row.confirmed, changedSinceSync: row.changed };
}
