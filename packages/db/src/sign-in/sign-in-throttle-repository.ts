import { sql } from "kysely";
import type { SignInThrottleScope } from "../entities/sign-in-throttle";
import { type Database, db } from "../kysely";
import type { EntityManager } from "../orm";

/** The sign_in_throttles table: attempts counted per account and per address, in a window of minutes. */

export interface ThrottleKey {
  scope: SignInThrottleScope;
  subjectHash: string;
}

export interface ThrottleLimits {
  maxFailures: number;
  windowMinutes: number;
}

/** The row's window has not passed yet. */
const windowOpen = (column: string, windowMinutes: number) => sql<boolean>`${sql.ref(column)} > now() - make_interval(mins => ${windowMinutes})`;

/**
 * Takes one attempt from both keys' budgets, in the order given, unless either has none left; returns
 * the scopes taken and the scopes that were already blocked.
 *
 * One statement: ON CONFLICT DO UPDATE locks the row and re-reads its newest version before its
 * WHERE, so concurrent attempts queue on the row and none passes the limit. The first key's row is
 * always written before the second's, so two attempts never wait on each other's rows in a cycle.
 * NOT EXISTS: a blocked key spends none of the other's attempts. Shaped by hand (a CTE around an
 * INSERT ... SELECT FROM VALUES ... ON CONFLICT), typed by the entity's scope.
 */
export async function takeThrottleAttempts(
  em: EntityManager,
  [first, second]: readonly [ThrottleKey, ThrottleKey],
  { maxFailures, windowMinutes }: ThrottleLimits,
): Promise<{ taken: SignInThrottleScope[]; blocked: SignInThrottleScope[] }> {
  const open = (column: string) => windowOpen(column, windowMinutes);
  const { rows } = await sql<{ outcome: "taken" | "blocked"; scope: Database["sign_in_throttles"]["scope"] }>`WITH blocked AS (
       SELECT scope FROM sign_in_throttles
       WHERE ((scope = ${first.scope} AND subject_hash = ${first.subjectHash}) OR (scope = ${second.scope} AND subject_hash = ${second.subjectHash}))
         AND failures >= ${maxFailures} AND ${open("window_started_at")}
     ), taken AS (
       INSERT INTO sign_in_throttles AS t (scope, subject_hash, failures, window_started_at)
       SELECT k.scope, k.subject_hash, 1, now()
       FROM (VALUES (${first.scope}, ${first.subjectHash}, 1), (${second.scope}, ${second.subjectHash}, 2)) AS k(scope, subject_hash, position)
       WHERE NOT EXISTS (SELECT 1 FROM blocked)
       ORDER BY k.position
       ON CONFLICT (scope, subject_hash) DO UPDATE SET
         failures = CASE WHEN ${open("t.window_started_at")} THEN t.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN ${open("t.window_started_at")} THEN t.window_started_at ELSE now() END
       WHERE t.failures < ${maxFailures} OR NOT (${open("t.window_started_at")})
       RETURNING t.scope
     )
     SELECT 'taken' AS outcome, scope FROM taken UNION ALL SELECT 'blocked' AS outcome, scope FROM blocked`.execute(db(em));
  return {
    taken: rows.filter((row) => row.outcome === "taken").map((row) => row.scope),
    blocked: rows.filter((row) => row.outcome === "blocked").map((row) => row.scope),
  };
}

/** An attempt given back: one failure fewer, never below none. */
export async function giveBackThrottleAttempt(em: EntityManager, key: ThrottleKey): Promise<void> {
  await db(em)
    .updateTable("sign_in_throttles")
    .set({ failures: sql<number>`greatest(failures - 1, 0)` })
    .where("scope", "=", key.scope)
    .where("subject_hash", "=", key.subjectHash)
    .execute();
}

/** The key starts afresh. */
export async function deleteThrottle(em: EntityManager, key: ThrottleKey): Promise<void> {
  await db(em).deleteFrom("sign_in_throttles").where("scope", "=", key.scope).where("subject_hash", "=", key.subjectHash).execute();
}

/** Rows whose window has passed count for nothing any more. */
export async function deletePassedThrottleWindows(em: EntityManager, windowMinutes: number): Promise<void> {
  await db(em)
    .deleteFrom("sign_in_throttles")
    .where((eb) => eb.not(windowOpen("window_started_at", windowMinutes)))
    .execute();
}
