import { sql } from "kysely";
import { db } from "../kysely";
import type { EntityManager } from "../orm";

/**
 * "Pause syncing" per company: `companies.sync_paused_at`. The flag stops only the sending: requests
 * still claim their service and queue their job (the service shows "Sync pending"); the worker reads
 * the flag when a job is about to call Cal.com and puts the job back instead.
 */

/** Whether the service's company has syncing paused (false for a service that no longer exists). */
export async function isSyncPausedForService(em: EntityManager, serviceId: string): Promise<boolean> {
  const row = await db(em)
    .selectFrom("services")
    .innerJoin("companies", "companies.id", "services.company_id")
    .select("companies.sync_paused_at")
    .where("services.id", "=", serviceId)
    .executeTakeFirst();
  return row?.sync_paused_at != null;
}

/**
 * Pauses or resumes the company's syncing; pausing again keeps the first pause's time. Resolves to
 * since when it is paused (null: syncing), or undefined when there is no such company.
 */
export async function setCompanySyncPaused(em: EntityManager, companyId: string, paused: boolean): Promise<Date | null | undefined> {
  const row = await db(em)
    .updateTable("companies")
    .set({ sync_paused_at: paused ? sql<Date>`coalesce(sync_paused_at, now())` : null })
    .where("id", "=", companyId)
    .returning("sync_paused_at")
    .executeTakeFirst();
  if (!row) return undefined;
  return row.sync_paused_at === null ? null : new Date(row.sync_paused_at as unknown as string);
}

/** The company's services waiting for a sync or create (pending) or an event type's removal (deleting): the jobs a resume wakes. */
export async function pendingServiceIdsOfCompany(em: EntityManager, companyId: string): Promise<string[]> {
  const rows = await db(em).selectFrom("services").select("id").where("company_id", "=", companyId).where("sync_status", "in", ["pending", "deleting"]).execute();
  return rows.map((row) => row.id);
}
