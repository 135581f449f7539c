/** Runs at most `concurrency` of the calls given at a time; the others wait their turn, in arrival order. */
export class Turns {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly concurrency: number) {}

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    if (this.#running < this.concurrency) this.#running++;
    // A finishing call hands its turn straight to the next, so #running never dips in between.
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await call();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
