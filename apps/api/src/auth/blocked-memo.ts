/**
 * The sign-in keys (an address, an account) this process recently found blocked in the database,
 * for a few seconds: a flood from a blocked address is then refused without a statement each. Short,
 * because the database stays the authority: a window that ends meanwhile is noticed that much later.
 */
export class BlockedMemo {
  readonly #until = new Map<string, number>();

  constructor(
    readonly rememberMs: number,
    /** Bounds the memory an attacker with many addresses could make this take; the oldest go first. */
    readonly maxEntries: number,
  ) {}

  isBlocked(keys: readonly string[], now = Date.now()): boolean {
    return keys.some((key) => {
      const until = this.#until.get(key);
      if (until === undefined) return false;
      if (until > now) return true;
      this.#until.delete(key);
      return false;
    });
  }

  remember(key: string, now = Date.now()): void {
    this.#until.delete(key);
    this.#until.set(key, now + this.rememberMs);
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.#until.size > this.maxEntries) this.#until.delete(this.#until.keys().next().value as string);
  }

  get size(): number {
    return this.#until.size;
  }
}
