import type { JobParameters, JobRepository } from "agenda";

/**
 * Stands between Agenda and the job store for a clean shutdown. Agenda's processor can be half-way
 * through locking its next job when it is stopped: that job would stay locked, and run nowhere,
 * until its lock expired. Once closing, the guard takes no new locks (releasing one that arrives
 * late), and it lets stopJobs wait for calls still in flight before the connections are closed.
 */
export class ShutdownGuard {
  #closing = false;
  readonly #inFlight = new Set<Promise<unknown>>();

  wrap(repository: JobRepository): JobRepository {
    return new Proxy(repository, {
      get: (target, key, receiver) => {
        const member: unknown = Reflect.get(target, key, receiver);
        if (typeof member !== "function") return member;
        const method = member as (...args: unknown[]) => unknown;
        if (key === "getNextJobToRun") return (...args: unknown[]) => this.#track(this.#lockNext(target, method, args));
        return (...args: unknown[]) => this.#track(method.apply(target, args));
      },
    });
  }

  close(): void {
    this.#closing = true;
  }

  /** Resolves when no store call is in flight, or false after timeoutMs. */
  async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.#inFlight.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, remaining);
      });
      await Promise.race([Promise.allSettled([...this.#inFlight]), timeout]);
      clearTimeout(timer);
    }
    return true;
  }

  async #lockNext(target: JobRepository, getNext: (...args: unknown[]) => unknown, args: unknown[]) {
    if (this.#closing) return undefined;
    const job = (await getNext.apply(target, args)) as JobParameters | undefined;
    if (job && this.#closing) {
      await target.unlockJob(job);
      return undefined;
    }
    return job;
  }

  #track<T>(call: T): T {
    if (!(call instanceof Promise)) return call;
    this.#inFlight.add(call);
    const forget = () => this.#inFlight.delete(call);
    call.then(forget, forget);
    return call;
  }
}
