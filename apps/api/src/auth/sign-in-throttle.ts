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

function keysOf({ email, clientIp }: SignInSubject): { scope: SignInThrottleScope; subjectHash: string }[] {
  const hash = (value: string) => createHash("sha256").update(value).digest("hex");
  return [
    { scope: "account", subjectHash: hash(email) },
    { scope: "ip", subjectHash: hash(clientIp) },
  ];
}

/** SQL: the row's window has not passed yet. */
const windowOpen = (column: string) => `${column} > now() - make_interval(mins => ${SIGN_IN_WINDOW_MINUTES})`;

/**
 * Whether the account or the IP has used up its failures in the current window. Times come from
 * PostgreSQL's clock, the same for every api instance.
 */
export async function isSignInBlocked(em: EntityManager, subject: SignInSubject): Promise<boolean> {
  const [account, ip] = keysOf(subject);
  const rows = await em.execute<{ blocked: boolean }[]>(
    `SELECT 1 AS blocked FROM sign_in_throttles
     WHERE ((scope = ? AND subject_hash = ?) OR (scope = ? AND subject_hash = ?)) AND failures >= ? AND ${windowOpen("window_started_at")}
     LIMIT 1`,
    [account?.scope, account?.subjectHash, ip?.scope, ip?.subjectHash, MAX_SIGN_IN_FAILURES],
    "all",
  );
  return rows.length > 0;
}

/** Counts one failure against the account and the IP, atomically (concurrent failures all count). */
export async function recordSignInFailure(em: EntityManager, subject: SignInSubject): Promise<void> {
  for (const { scope, subjectHash } of keysOf(subject)) {
    await em.execute(
      `INSERT INTO sign_in_throttles AS t (scope, subject_hash, failures, window_started_at) VALUES (?, ?, 1, now())
       ON CONFLICT (scope, subject_hash) DO UPDATE SET
         failures = CASE WHEN ${windowOpen("t.window_started_at")} THEN t.failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN ${windowOpen("t.window_started_at")} THEN t.window_started_at ELSE now() END`,
      [scope, subjectHash],
    );
  }
  // Rows of passed windows count for nothing any more.
  await em.execute(`DELETE FROM sign_in_throttles WHERE NOT (${windowOpen("window_started_at")})`);
}

/** A successful sign-in: the account starts afresh (its IP keeps its count). */
export async function clearAccountFailures(em: EntityManager, subject: SignInSubject): Promise<void> {
  const [account] = keysOf(subject);
  await em.execute("DELETE FROM sign_in_throttles WHERE scope = ? AND subject_hash = ?", [account?.scope, account?.subjectHash]);
}
