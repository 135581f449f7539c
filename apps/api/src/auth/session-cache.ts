import type { ActiveSession } from "./sessions";

/** A few seconds: see SessionCache for what this delay means for a session ended in another process. */
export const SESSION_CACHE_TTL_MS = 5_000;
/** Bounds the memory: about 1 KiB per entry. */
export const SESSION_CACHE_MAX_ENTRIES = 10_000;

export interface SessionCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** Epoch milliseconds; tests pass their own clock. */
  now?: () => number;
}

/**
 * Sessions this process resolved in the last few seconds, so a burst of calls from one browser reads
 * the sessions table once instead of once per call.
 *
 * Why a short TTL is acceptable: a session ended in this process (sign-out, or replaced at sign-in) is
 * dropped here at once, and expiry is checked on every hit. What the TTL does mean: a change made
 * elsewhere (a sign-out served by another api process, a user or company deleted, a role changed in the
 * database) reaches this process's callers up to ttlMs late; for that long, a copy of a signed-out
 * cookie still works against the other processes. Keep ttlMs at a few seconds.
 */
export class SessionCache {
  readonly #entries = new Map<string, { session: ActiveSession; until: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  /** Bumped by every invalidation: a read that started before one must not be cached after it. */
  #invalidations = 0;

  constructor({ ttlMs, maxEntries, now = Date.now }: SessionCacheOptions) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  get(id: string): ActiveSession | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    if (entry.until > this.#now()) return entry.session;
    this.#entries.delete(id);
    return undefined;
  }

  /** Taken before reading a session from the database, handed to set() with what was read. */
  stamp(): number {
    return this.#invalidations;
  }

  set(id: string, session: ActiveSession, stamp: number): void {
    // A sign-out between the read and now: the session read may be gone from the database.
    if (stamp !== this.#invalidations) return;
    this.#entries.delete(id);
    // Map order is insertion order: the first key is the entry cached longest ago.
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(id, { session, until: this.#now() + this.#ttlMs });
  }

  invalidate(id: string): void {
    this.#invalidations++;
    this.#entries.delete(id);
  }
}
