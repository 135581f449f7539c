import { countServices, type EntityManager } from "@askpro/db";
import { SYNC_STATUSES, type SyncStatus } from "@askpro/domain";

export interface ServicesWithStatus {
  company: string;
  syncStatus: SyncStatus;
  services: number;
}

/** Every company (by slug) with every sync status, 0 where it has none: an alert can watch a status before it first occurs. */
export async function countServicesBySyncStatus(em: EntityManager): Promise<ServicesWithStatus[]> {
  const rows = await countServices(em);
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.companySlug}\u0000${row.syncStatus}`;
    counts.set(key, (counts.get(key) ?? 0) + row.services);
  }
  const companies = [...new Set(rows.map((row) => row.companySlug))];
  return companies.flatMap((company) =>
    SYNC_STATUSES.map((syncStatus) => ({ company, syncStatus, services: counts.get(`${company}\u0000${syncStatus}`) ?? 0 })),
  );
}
