/** Thrown instead of queueing when the queue is full: the caller answers at once that the server is busy. */
export class HashingQueueFull extends Error {
  constructor() {
    super("Too many password checks are waiting");
  }
}

/**
 * Runs at most `concurrency` password hashes at a time, with at most `maxWaiting` more queued.
 * Unbounded, a sign-in flood starts hundreds of 32 MiB hashes at once (on libuv's thread pool,
 * which compression, file reads and DNS lookups share) and every other request waits behind them.
 * Bounded, a flood beyond the queue is refused in microseconds instead of waiting seconds for its turn.
 */
export class HashingQueue {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  get full(): boolean {
    return this.#running >= this.concurrency && this.#waiting.length >= this.maxWaiting;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(hash: () => Promise<T>): Promise<T> {
    if (this.full) throw new HashingQueueFull();
    if (this.#running < this.concurrency) this.#running++;
    // The finishing hash hands its slot straight to the next one, so #running never dips in between.
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await hash();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
