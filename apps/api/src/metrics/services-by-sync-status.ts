import { countServicesByCompanyAndStatus, type EntityManager } from "@askpro/db";
import { SYNC_STATUSES, type SyncStatus } from "@askpro/domain";

export interface ServicesWithStatus {
  company: string;
  syncStatus: SyncStatus;
  services: number;
}

/** Every company (by slug) with every sync status, 0 where it has none: an alert can watch a status before it first occurs. */
export async function countServicesBySyncStatus(em: EntityManager): Promise<ServicesWithStatus[]> {
  const rows = await countServicesByCompanyAndStatus(em);
  const counts = new Map(rows.map((row) => [`${row.companySlug}\u0000${row.syncStatus}`, row.services]));
  const companies = [...new Set(rows.map((row) => row.companySlug))];
  return companies.flatMap((company) =>
    SYNC_STATUSES.map((syncStatus) => ({ company, syncStatus, services: counts.get(`${company}\u0000${syncStatus}`) ?? 0 })),
  );
}
