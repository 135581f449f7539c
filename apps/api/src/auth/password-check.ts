import { availableParallelism } from "node:os";
import { hashPassword, verifyPassword } from "@askpro/db";
import { type HashingPlace, HashingQueue } from "./hashing-queue";
import { lowPriorityScrypt } from "./low-priority-scrypt";

/**
 * Half the cores, at most two: scrypt takes 50-100 ms of a core and 32 MiB each, and the event loop
 * and PostgreSQL keep the rest. On two cores that is one at a time: about 15 sign-ins a second on
 * an idle machine, fewer on a busy one (the hashing threads run at the lowest priority).
 */
export const CONCURRENT_PASSWORD_CHECKS = Math.max(1, Math.min(2, Math.floor(availableParallelism() / 2)));
/** About a second of checks queued; beyond that a sign-in is told the server is busy. */
export const MAX_WAITING_PASSWORD_CHECKS = 16;

/** One per process: the cores it protects are the process's. */
export const passwordChecks = new HashingQueue(CONCURRENT_PASSWORD_CHECKS, MAX_WAITING_PASSWORD_CHECKS);
/** Off libuv's thread pool, at the lowest priority: see low-priority-scrypt.ts. */
const scrypt = lowPriorityScrypt(CONCURRENT_PASSWORD_CHECKS);

/** Verified against when the e-mail is unknown, so both failures take about as long. */
let decoyHash: Promise<string> | undefined;

/**
 * Whether the password matches the stored hash; without one (an unknown e-mail address) a decoy is
 * checked, in the same place of the queue, so the answer takes as long. The place comes from
 * passwordChecks.admit(), taken before the sign-in did anything else. Callers hold no database
 * connection (no open transaction) while this runs.
 */
export function checkPassword(place: HashingPlace, password: string, storedHash: string | undefined): Promise<boolean> {
  return place.run(async () => {
    // Hashed where the checks run (the lowest priority), not on libuv's pool: the first unknown
    // address of a flood would otherwise take a core from everything else for as long as a hash.
    decoyHash ??= hashPassword("decoy password that never matches", scrypt);
    return verifyPassword(password, storedHash ?? (await decoyHash), scrypt);
  });
}
