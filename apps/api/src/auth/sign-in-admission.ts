import type { SignInThrottleScope } from "@askpro/db";
import { BlockedMemo } from "./blocked-memo";
import type { HashingPlace } from "./hashing-queue";
import { InFlightLimit } from "./in-flight-limit";
import { passwordChecks } from "./password-check";
import { MAX_SIGN_IN_FAILURES, type SignInSubject } from "./sign-in-throttle";
import pLimit from "p-limit";

/** The same for every account, known or not, so it tells nobody which e-mail addresses exist. */
export const TOO_MANY_SIGN_IN_FAILURES = "Too many failed sign-ins. Please wait 15 minutes and try again.";
/** Said whoever signs in, so it tells nothing about the account either. */
export const SIGN_IN_BUSY = "The server is busy with other sign-ins. Please try again in a moment.";

/** Why this process refuses a sign-in before the database is asked: "throttled" is answered with TOO_MANY_SIGN_IN_FAILURES, "busy" with SIGN_IN_BUSY. */
export type SignInRefusal = "throttled" | "busy";

/** Addresses and accounts found blocked: their floods are refused without a statement each. */
export const BLOCKED_MEMO_MS = 5_000;
const recentlyBlocked = new BlockedMemo(BLOCKED_MEMO_MS, 10_000);
/** Per address and per account, in this process: more at once could not all get an attempt anyway. */
const signInsInFlight = new InFlightLimit(MAX_SIGN_IN_FAILURES);

const keysOf = ({ email, clientIp }: SignInSubject): Record<SignInThrottleScope, string> => ({ account: `account:${email}`, ip: `ip:${clientIp}` });
/**
 * The database work of admitted sign-ins (counting the attempt, reading the user, recording the
 * outcome) takes at most this many of the pool's 10 connections at a time: a burst of admitted
 * sign-ins, whose attempts for one address queue on that address's row, then never holds every
 * connection while signed-in users' statements wait for one (nor makes the pool open connections
 * for them in the middle of a flood).
 */
export const SIGN_IN_DATABASE_CONNECTIONS = 2;
export const signInDatabaseTurns = pLimit(SIGN_IN_DATABASE_CONNECTIONS);

const ipKey = (clientIp: string) => `ip:${clientIp}`;

/**
 * What this process can refuse knowing only the client's address, before the request's body is read:
 * an address the database refused a moment ago, every hashing place held, or as many sign-ins of the
 * address in flight as it could have attempts; also when `underway` (sign-ins the caller let through
 * towards admitSignIn and not yet answered) could take every place: a thousand arriving in one instant,
 * before any of them holds a place, then cost a full call each only for the few that can get one.
 */
export function refusalOfAddress(clientIp: string, underway = 0): SignInRefusal | undefined {
  const ip = ipKey(clientIp);
  if (recentlyBlocked.isBlocked([ip])) return "throttled";
  if (passwordChecks.full || underway >= passwordChecks.places || signInsInFlight.atLimit(ip)) return "busy";
  return undefined;
}

export type SignInAdmission = { refusal: SignInRefusal } | { refusal: undefined; place: HashingPlace; leave(): void };

/**
 * Lets a sign-in go on to the database and its password check, or says why not. Admitted, it holds a
 * place in the hashing queue (so its check is never refused after its attempt was counted) and counts
 * as in flight for its address and account until leave().
 */
export function admitSignIn(subject: SignInSubject): SignInAdmission {
  const keys = keysOf(subject);
  const both = [keys.account, keys.ip];
  if (recentlyBlocked.isBlocked(both)) return { refusal: "throttled" };
  const place = passwordChecks.admit();
  if (!place) return { refusal: "busy" };
  if (!signInsInFlight.tryEnter(both)) {
    place.release();
    return { refusal: "busy" };
  }
  return {
    refusal: undefined,
    place,
    leave: () => {
      signInsInFlight.leave(both);
      place.release();
    },
  };
}

/** The database found these scopes of the subject out of attempts: refused in-process for BLOCKED_MEMO_MS. */
export function rememberBlocked(subject: SignInSubject, scopes: readonly SignInThrottleScope[]): void {
  const keys = keysOf(subject);
  for (const scope of scopes) recentlyBlocked.remember(keys[scope]);
}
