import type pg from "pg";

/** First key of every two-key advisory lock taken here, so they cannot collide with other uses. */
const NAMESPACE = 0x41534b50; // "ASKP"

/**
 * Runs `critical` while holding a transaction-level PostgreSQL advisory lock on `key`, which
 * serialises it across every process using the same database. The lock is held on a connection
 * of its own, so `critical` should use a different pool: waiters then never starve the holder.
 */
export async function withAdvisoryLock<T>(pool: pg.Pool, key: string, critical: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // One round trip for both: a query with several statements cannot take parameters, hence the literal.
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${NAMESPACE}, hashtext(${client.escapeLiteral(key)}))`);
    const result = await critical();
    await client.query("COMMIT");
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
