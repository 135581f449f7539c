import { createHash } from "node:crypto";
import type { EntityManager, SignInThrottleScope } from "@askpro/db";

/** At most this many failed sign-ins per account and per client IP... */
export const MAX_SIGN_IN_FAILURES = 10;
/** ...within this window, which starts at the first failure. */
export const SIGN_IN_WINDOW_MINUTES = 15;

export interface SignInSubject {
  /** Normalised (trimmed, lower-cased) e-mail address, known or not. */
  email: string;
  clientIp: string;
}

interface ThrottleKey {
  scope: SignInThrottleScope;
  subjectHash: string;
}

function keysOf({ email, clientIp }: SignInSubject): [account: ThrottleKey, ip: ThrottleKey] {
  const hash = (value: string) => createHash("sha256").update(value).digest("hex");
  return [
    { scope: "account", subjectHash: hash(email) },
    { scope: "ip", subjectHash: hash(clientIp) },
  ];
}

/** SQL: the row's window has not passed yet. */
const windowOpen = (column: string) => `${column} > now() - make_interval(mins => ${SIGN_IN_WINDOW_MINUTES})`;
const bothKeys = "((scope = ? AND subject_hash = ?) OR (scope = ? AND subject_hash = ?))";
const bothKeyParams = ([account, ip]: [ThrottleKey, ThrottleKey]) => [account.scope, account.subjectHash, ip.scope, ip.subjectHash];

export interface SignInAttempt {
  /** One attempt was taken from both budgets: the password may be checked. */
  taken: boolean;
  /** The scopes that had no attempt left, so refused this one (empty when taken). */
  blocked: SignInThrottleScope[];
}

/**
 * Takes one attempt from the account's and the address's budget before the password is checked;
 * takes nothing when either has none left. The counter holds failures plus attempts still being
 * checked (a success gives its attempt back), so however many sign-ins arrive at once, in one batch
 * or from many api instances, at most MAX_SIGN_IN_FAILURES passwords per account and per address are
 * checked in a window.
 *
 * One statement: ON CONFLICT DO UPDATE locks the row and re-reads its newest version before its
 * WHERE, so concurrent attempts queue on the row and none passes the limit. The account's row is
 * always written before the address's, so two attempts never wait on each other's rows in a cycle.
 * NOT EXISTS: a blocked address spends none of the account's attempts (else one address could lock
 * out any number of accounts), and a blocked account none of the address's.
 */
export async function takeSignInAttempt(em: EntityManager, subject: SignInSubject): Promise<SignInAttempt> {
  const keys = keysOf(subject);
  const [account, ip] = keys;
  // No wait for the WAL to reach the disk: a crash loses at most the last fraction of a second of
  // attempts, while a flood of sign-ins would otherwise queue every statement behind a flush.
  const rows = await em.transactional(async (tx) => {
    await tx.execute("SET LOCAL synchronous_commit = off");
    return tx.execute<{ outcome: "taken" | "blocked"; scope: SignInThrottleScope }[]>(
    `WITH blocked AS (
       SELECT scope FROM sign_in_throttles WHERE ${bothKeys} AND failures >= ? AND ${windowOpen("window_started_at")}
     ), taken AS (
       INSERT INTO sign_in_throttles AS t (scope, subject_hash, failures, window_started_at)
       SELECT k.scope, k.subject_hash, 1, now() FROM (VALUES (?, ?, 1), (?, ?, 2)) AS k(scope, subject_hash, position)
       WHERE NOT EXISTS (SELECT 1 FROM blocked)
       ORDER BY k.position
       ON CONFLICT (scope, subject_hash) DO UPDATE SET
         failures = CASE WHEN ${windowOpen("t.window_started_at")} THEN t.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN ${windowOpen("t.window_started_at")} THEN t.window_started_at ELSE now() END
       WHERE t.failures < ? OR NOT (${windowOpen("t.window_started_at")})
       RETURNING t.scope
     )
     SELECT 'taken' AS outcome, scope FROM taken UNION ALL SELECT 'blocked' AS outcome, scope FROM blocked`,
    [...bothKeyParams(keys), MAX_SIGN_IN_FAILURES, account.scope, account.subjectHash, ip.scope, ip.subjectHash, MAX_SIGN_IN_FAILURES],
    "all",
  );
  });
  const taken = rows.filter((row) => row.outcome === "taken").map((row) => row.scope);
  if (taken.length === keys.length) return { taken: true, blocked: [] };
  // The other key ran out while this statement waited for its row: give back what was taken.
  const given = keys.filter((key) => taken.includes(key.scope));
  if (given.length > 0) await giveBack(em, given);
  return { taken: false, blocked: rows.filter((row) => row.outcome === "blocked").map((row) => row.scope) };
}

async function giveBack(em: EntityManager, keys: ThrottleKey[]): Promise<void> {
  for (const { scope, subjectHash } of keys) {
    await em.execute("UPDATE sign_in_throttles SET failures = greatest(failures - 1, 0) WHERE scope = ? AND subject_hash = ?", [scope, subjectHash]);
  }
}

/** The password was not checked after all (the server was too busy): both attempts are given back. */
export function giveBackSignInAttempt(em: EntityManager, subject: SignInSubject): Promise<void> {
  return giveBack(em, keysOf(subject));
}

/** A wrong password keeps its attempt as a failure; rows of passed windows count for nothing any more. */
export async function forgetPassedSignInWindows(em: EntityManager): Promise<void> {
  await em.execute(`DELETE FROM sign_in_throttles WHERE NOT (${windowOpen("window_started_at")})`);
}

/** A successful sign-in: the account starts afresh, and the address gets its attempt back (its failures stay). */
export async function signInSucceeded(em: EntityManager, subject: SignInSubject): Promise<void> {
  const [account, ip] = keysOf(subject);
  await em.execute("DELETE FROM sign_in_throttles WHERE scope = ? AND subject_hash = ?", [account.scope, account.subjectHash]);
  await giveBack(em, [ip]);
}
