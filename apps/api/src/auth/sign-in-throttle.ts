import { createHash } from "node:crypto";
import {
  deletePassedThrottleWindows,
  deleteThrottle,
  type EntityManager,
  giveBackThrottleAttempt,
  type SignInThrottleScope,
  type ThrottleKey,
  takeThrottleAttempts,
} from "@askpro/db";

/** At most this many failed sign-ins per account and per client IP... */
export const MAX_SIGN_IN_FAILURES = 10;
/** ...within this window, which starts at the first failure. */
export const SIGN_IN_WINDOW_MINUTES = 15;

export interface SignInSubject {
  /** Normalised (trimmed, lower-cased) e-mail address, known or not. */
  email: string;
  clientIp: string;
}

function keysOf({ email, clientIp }: SignInSubject): [account: ThrottleKey, ip: ThrottleKey] {
  const hash = (value: string) => createHash("sha256").update(value).digest("hex");
  return [
    { scope: "account", subjectHash: hash(email) },
    { scope: "ip", subjectHash: hash(clientIp) },
  ];
}

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
 * The account's key comes first, so its row is always written before the address's (see
 * takeThrottleAttempts). A blocked address spends none of the account's attempts (else one address
 * could lock out any number of accounts), and a blocked account none of the address's.
 */
export async function takeSignInAttempt(em: EntityManager, subject: SignInSubject): Promise<SignInAttempt> {
  const keys = keysOf(subject);
  // No wait for the WAL to reach the disk: a crash loses at most the last fraction of a second of
  // attempts, while a flood of sign-ins would otherwise queue every statement behind a flush.
  const { taken, blocked } = await em.transactional(async (tx) => {
    await tx.execute("SET LOCAL synchronous_commit = off");
    return takeThrottleAttempts(tx, keys, { maxFailures: MAX_SIGN_IN_FAILURES, windowMinutes: SIGN_IN_WINDOW_MINUTES });
  });
  if (taken.length === keys.length) return { taken: true, blocked: [] };
  // The other key ran out while this statement waited for its row: give back what was taken.
  const given = keys.filter((key) => taken.includes(key.scope));
  if (given.length > 0) await giveBack(em, given);
  return { taken: false, blocked };
}

async function giveBack(em: EntityManager, keys: ThrottleKey[]): Promise<void> {
  for (const key of keys) await giveBackThrottleAttempt(em, key);
}

/** A wrong password keeps its attempt as a failure; rows of passed windows count for nothing any more. */
export async function forgetPassedSignInWindows(em: EntityManager): Promise<void> {
  await deletePassedThrottleWindows(em, SIGN_IN_WINDOW_MINUTES);
}

/** A successful sign-in: the account starts afresh, and the address gets its attempt back (its failures stay). */
export async function signInSucceeded(em: EntityManager, subject: SignInSubject): Promise<void> {
  const [account, ip] = keysOf(subject);
  await deleteThrottle(em, account);
  await giveBack(em, [ip]);
}
