import { sql } from "kysely";
import { Company } from "../entities";
import { db } from "../kysely";
import type { EntityManager } from "../orm";

/** A key's budget in its current window, as the operations page shows it. */
export interface CalcomBudgetUsage {
  /** Requests taken in the window. */
  used: number;
  /** X-RateLimit-Limit as last read; null while no response's headers were read (the row's 1 is a placeholder). */
  limit: number | null;
  /** ISO time the window ends. */
  windowEndsAt: string;
}

/**
 * The current windows of these keys' budgets (by key hash, see budgetKeyId in packages/calcom). A key
 * without a row, or whose window has ended by the database's clock (the one the budget counts with), is
 * absent: nothing is used in a window that has not begun.
 */
export async function currentCalcomBudgets(em: EntityManager, keyHashes: readonly string[]): Promise<Map<string, CalcomBudgetUsage>> {
  const usage = new Map<string, CalcomBudgetUsage>();
  if (keyHashes.length === 0) return usage;
  const { rows } = await sql<{ key_hash: string; taken: number; request_limit: number; headers_read: boolean; window_ends_at: string | Date }>`
    select key_hash, taken, request_limit, headers_read, window_ends_at from calcom_rate_budgets
    where key_hash = any(${[...new Set(keyHashes)]}::text[]) and window_ends_at > statement_timestamp()`.execute(db(em));
  for (const row of rows) {
    usage.set(row.key_hash, { used: row.taken, limit: row.headers_read ? row.request_limit : null, windowEndsAt: new Date(row.window_ends_at).toISOString() });
  }
  return usage;
}

/** The companies' stored (encrypted) Cal.com keys, lazy column loaded, for resolving each one's effective key. */
export async function companiesWithCalcomKeys(em: EntityManager, companyIds: readonly string[]): Promise<Company[]> {
  if (companyIds.length === 0) return [];
  return em.find(Company, { id: { $in: [...companyIds] } }, { populate: ["calcomApiKeyEncrypted"] });
}
