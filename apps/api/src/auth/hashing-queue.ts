/** Thrown instead of queueing when the queue is full: the caller answers at once that the server is busy. */
export class HashingQueueFull extends Error {
  constructor() {
    super("Too many password checks are waiting");
  }
}

/** A place in the queue, held from admission until the hash ends or the caller gives it up. */
export interface HashingPlace {
  /** Runs the hash in its turn; the place is freed when it ends. */
  run<T>(hash: () => Promise<T>): Promise<T>;
  /** Frees the place without hashing (the caller ended before its check); a second call does nothing. */
  release(): void;
}

/**
 * Runs at most `concurrency` password hashes at a time, with at most `maxWaiting` more queued.
 * Unbounded, a sign-in flood starts hundreds of 32 MiB hashes at once (on libuv's thread pool,
 * which compression, file reads and DNS lookups share) and every other request waits behind them.
 * Bounded, a flood beyond the queue is refused in microseconds instead of waiting seconds for its turn.
 *
 * A place is taken on arrival (admit), before the caller's database work: a burst of a thousand
 * then costs the database as many statements as the queue has places, not a thousand of which all
 * but those few would have been refused once their turn to queue came.
 */
export class HashingQueue {
  /** Places held: hashing, waiting for a thread, or not yet asking for one. */
  #admitted = 0;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  /** How many may hold a place at once: hashing plus waiting. */
  get places(): number {
    return this.concurrency + this.maxWaiting;
  }

  get full(): boolean {
    return this.#admitted >= this.places;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** A place in the queue, or undefined when every place is held. */
  admit(): HashingPlace | undefined {
    if (this.full) return undefined;
    this.#admitted++;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.#admitted--;
    };
    return {
      run: async (hash) => {
        try {
          return await this.#inTurn(hash);
        } finally {
          release();
        }
      },
      release,
    };
  }

  /** Admits and runs at once; throws HashingQueueFull when every place is held. */
  async run<T>(hash: () => Promise<T>): Promise<T> {
    const place = this.admit();
    if (!place) throw new HashingQueueFull();
    return place.run(hash);
  }

  async #inTurn<T>(hash: () => Promise<T>): Promise<T> {
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
