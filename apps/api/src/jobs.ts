import { createJobs, type Jobs, type JobsOptions } from "@askpro/jobs";

export type JobStoreState = "ok" | "unreachable";

/**
 * The api's handle on the job store. The api only enqueues (no job runs here), and it
 * must serve even while the job store is down: so it connects on first use, and a failed connect
 * is tried again on the next use instead of stopping the process.
 */
export interface JobsConnection {
  /** The connected queue; rejects when the job store cannot be reached (the next call tries again). */
  queue(): Promise<Jobs>;
  /** Whether the job store answers within timeoutMs, connecting if need be (for /readyz). */
  check(timeoutMs: number): Promise<JobStoreState>;
  /** Closes what was opened; queue() fails from now on. */
  stop(): Promise<void>;
}

export function connectJobsOnDemand(options: JobsOptions): JobsConnection {
  let connecting: Promise<Jobs> | undefined;
  let stopped = false;

  const queue = (): Promise<Jobs> => {
    if (stopped) return Promise.reject(new Error("the api is shutting down"));
    if (!connecting) {
      const attempt = createJobs(options);
      connecting = attempt;
      attempt.catch(() => {
        if (connecting === attempt) connecting = undefined;
      });
    }
    return connecting;
  };

  return {
    queue,
    check(timeoutMs) {
      const probe = queue()
        .then((connected) => connected.ping())
        .then(
          () => "ok" as const,
          () => "unreachable" as const,
        );
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<JobStoreState>((resolve) => {
        timer = setTimeout(() => resolve("unreachable"), timeoutMs);
      });
      return Promise.race([probe, late]).finally(() => clearTimeout(timer));
    },
    async stop() {
      stopped = true;
      const connected = await connecting?.catch(() => undefined);
      // Nothing runs here, so there is nothing to drain: only the connections are closed.
      if (connected) await connected.stop({ drainTimeoutMs: 1_000 });
    },
  };
}
