import type pg from "pg";

/** First key of every two-key advisory lock taken here, so they cannot collide with other uses. */
const NAMESPACE = 0x41534b50; // "ASKP"

/** The connection holding the lock, inside its transaction. */
export interface LockedTransaction {
  client: pg.PoolClient;
  /** Sends a statement without parameters (a NOTIFY) with the COMMIT, in the same round trip. */
  atCommit(sql: string): void;
}

/**
 * Runs `critical` while holding a transaction-level PostgreSQL advisory lock on `key`, which
 * serialises it across every process using the same database. Work in `critical` on the holding
 * connection commits with the lock's transaction; work on other connections must come from
 * another pool, so that waiters never starve the holder.
 */
export async function withAdvisoryLock<T>(pool: pg.Pool, key: string, critical: (transaction: LockedTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const atCommit: string[] = [];
  let broken: Error | undefined;
  try {
    // One round trip for both: a query with several statements cannot take parameters, hence the literal.
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${NAMESPACE}, hashtext(${client.escapeLiteral(key)}))`);
    const result = await critical({ client, atCommit: (sql) => atCommit.push(sql) });
    await client.query([...atCommit, "COMMIT"].join("; "));
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
