export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  blockMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 120, windowMs: 60_000, blockMs: 60_000 };

export interface RateLimitDecision {
  limited: boolean;
  headers: Record<string, string>;
}

interface Tracker {
  windowEnd: number;
  hits: number;
  blockedUntil: number;
}

const seconds = (ms: number) => String(Math.max(0, Math.ceil(ms / 1000)));

/**
 * Cal.com's throttler: a window opens with a tracker's first hit; the hit that overflows it blocks the
 * tracker for blockMs. Headers carry the limit, what is left and the seconds until the window or block ends.
 */
export class FixedWindowRateLimiter {
  private readonly trackers = new Map<string, Tracker>();

  constructor(private readonly options: RateLimitOptions) {}

  hit(tracker: string, now = Date.now()): RateLimitDecision {
    const { limit, windowMs, blockMs } = this.options;
    const state = this.trackers.get(tracker) ?? { windowEnd: 0, hits: 0, blockedUntil: 0 };
    this.trackers.set(tracker, state);
    const headers = (remaining: number, resetMs: number) => ({
      "X-RateLimit-Limit-Default": String(limit),
      "X-RateLimit-Remaining-Default": String(remaining),
      "X-RateLimit-Reset-Default": seconds(resetMs),
    });
    if (now < state.blockedUntil) return { limited: true, headers: headers(0, state.blockedUntil - now) };
    if (now >= state.windowEnd) {
      state.windowEnd = now + windowMs;
      state.hits = 0;
    }
    state.hits++;
    if (state.hits > limit) {
      state.blockedUntil = now + blockMs;
      return { limited: true, headers: headers(0, blockMs) };
    }
    return { limited: false, headers: headers(limit - state.hits, state.windowEnd - now) };
  }

  reset(): void {
    this.trackers.clear();
  }
}
