import type { EntityManager } from "@askpro/db";
import { SYNC_STATUSES, type SyncStatus } from "@askpro/domain";

export interface ServicesWithStatus {
  company: string;
  syncStatus: SyncStatus;
  services: number;
}

/** Every company (by slug) with every sync status, 0 where it has none: an alert can watch a status before it first occurs. */
export async function countServicesBySyncStatus(em: EntityManager): Promise<ServicesWithStatus[]> {
  const rows = await em.getConnection().execute<{ company: string; sync_status: SyncStatus | null; services: string }[]>(
    `SELECT c.slug AS company, s.sync_status, count(s.id) AS services
     FROM companies c LEFT JOIN services s ON s.company_id = c.id
     GROUP BY c.slug, s.sync_status`,
  );
  const counts = new Map(rows.map((row) => [`${row.company}\u0000${row.sync_status}`, Number(row.services)]));
  const companies = [...new Set(rows.map((row) => row.company))];
  return companies.flatMap((company) =>
    SYNC_STATUSES.map((syncStatus) => ({ company, syncStatus, services: counts.get(`${company}\u0000${syncStatus}`) ?? 0 })),
  );
}
