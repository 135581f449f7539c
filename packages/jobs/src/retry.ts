/**
 * Thrown by a handler when the attempt may succeed later (rate limit, 5xx, network, timeout).
 * Any other error fails the job for good.
 */
export class RetryableJobError extends Error {
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { retryAfterMs?: number | undefined; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "RetryableJobError";
    this.retryAfterMs = options.retryAfterMs;
  }
}

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Delay after the first failed attempt; it doubles after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Share (0-1) by which a delay is randomly shortened, so retries of a bulk sync spread out. */
  jitter: number;
}

/** Five attempts over about 15 minutes: retries after ~1, 2, 4 and 8 minutes. */
export const SYNC_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 60_000,
  maxDelayMs: 8 * 60_000,
  jitter: 0.2,
};

/**
 * The wait before the attempt after `failedAttempt` (1-based), or null when the job must not be
 * retried: the error is not retryable, or that was the last attempt. A server's Retry-After wins
 * over a shorter computed delay.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  error: unknown,
  random: () => number = Math.random,
): number | null {
  if (!(error instanceof RetryableJobError) || failedAttempt >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  const jittered = Math.round(exponential * (1 - policy.jitter * random()));
  return Math.max(jittered, error.retryAfterMs ?? 0);
}
