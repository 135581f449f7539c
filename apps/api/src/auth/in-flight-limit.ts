/**
 * Counts, per key, the calls of this process that are still running, and refuses one more once a
 * key has `max` running. For sign-ins: the database admits at most MAX_SIGN_IN_FAILURES attempts per
 * address and per account in a window, so with that many already in flight a further one could only
 * get a slot by pushing one of them out. Refusing it here, before the database is asked, keeps a
 * burst of a thousand from costing a thousand statements.
 */
export class InFlightLimit {
  readonly #running = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Whether one more call of the key would be refused. */
  atLimit(key: string): boolean {
    return (this.#running.get(key) ?? 0) >= this.max;
  }

  /** Enters every key, or none when any is at the limit. */
  tryEnter(keys: readonly string[]): boolean {
    if (keys.some((key) => this.atLimit(key))) return false;
    for (const key of keys) this.#running.set(key, (this.#running.get(key) ?? 0) + 1);
    return true;
  }

  leave(keys: readonly string[]): void {
    for (const key of keys) {
      const left = (this.#running.get(key) ?? 1) - 1;
      // Dropped at zero: the map holds only what is running, whatever the variety of keys seen.
      if (left <= 0) this.#running.delete(key);
      else this.#running.set(key, left);
    }
  }

  get size(): number {
    return this.#running.size;
  }
}
