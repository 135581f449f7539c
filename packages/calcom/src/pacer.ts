import { createHash } from "node:crypto";
import type { RateLimitInfo } from "./rate-limit-headers";

export interface PacerOptions {
  /** Requests per window before headers say otherwise (Cal.com: 120). */
  limit?: number;
  /** Window length (Cal.com: 60 s). */
  windowMs?: number;
}

export const DEFAULT_PACER_OPTIONS: Required<PacerOptions> = { limit: 120, windowMs: 60_000 };

export interface PacerTicket {
  readonly window: number;
}

export interface RequestOutcome {
  rateLimit?: RateLimitInfo;
  /** The request earned a 429: nothing more goes out for this long. */
  blockMs?: number;
  /** Date.now() when the answer's headers arrived: the reset and the block count from then. */
  answeredAt?: number;
}

/**
 * A token bucket per API key that holds the requests left in the key's current rate-limit window.
 * Cal.com counts hits in fixed windows that start with the first hit and blocks the key for a minute
 * when one overflows, so the bucket refills all at once when the window ends rather than continuously
 * (a continuous refill would spend the next window's budget early and trip the block at the edge).
 * Responses correct it: X-RateLimit-Limit/Remaining/Reset-Default and, on a 429, the block.
 */
export class RateLimitPacer {
  private limit: number;
  private readonly windowMs: number;
  private window = 0;
  private windowEnd = 0;
  private windowConfirmed = false;
  private resetSeen = false;
  private tokens = 0;
  private inFlight = 0;
  private blockedUntil = 0;
  private readonly waiting: Array<(ticket: PacerTicket) => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;

  constructor(options: PacerOptions = {}) {
    this.limit = options.limit ?? DEFAULT_PACER_OPTIONS.limit;
    this.windowMs = options.windowMs ?? DEFAULT_PACER_OPTIONS.windowMs;
    if (!(this.limit >= 1) || !(this.windowMs > 0)) throw new Error("Cal.com pacer needs limit >= 1 and windowMs > 0");
  }

  /** Resolves when a request may be sent; pass the ticket to settle() when its response (or failure) is in. */
  acquire(): Promise<PacerTicket> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.drain();
    });
  }

  settle(ticket: PacerTicket, outcome: RequestOutcome = {}): void {
    this.inFlight--;
    const now = Date.now();
    if (outcome.blockMs !== undefined) {
      this.blockedUntil = Math.max(this.blockedUntil, now + outcome.blockMs);
      this.windowEnd = 0;
    } else if (ticket.window === this.window && this.windowEnd !== 0) {
      this.correct(outcome.rateLimit ?? {}, now);
    }
    this.drain();
  }

  private correct(info: RateLimitInfo, now: number): void {
    if (info.limit !== undefined) this.limit = info.limit;
    // Requests still in flight may not be counted in `remaining` yet.
    if (info.remaining !== undefined) this.tokens = Math.min(this.tokens, info.remaining - this.inFlight);
    if (info.resetMs !== undefined) {
      // Every reset header bounds the window's end from above: the server read its clock before this
      // response arrived and rounded up to whole seconds. The tightest bound seen is the earliest end
      // that is never early; keeping the latest one instead ran each window up to a second long.
      const bound = now + info.resetMs;
      this.windowEnd = this.resetSeen ? Math.min(this.windowEnd, bound) : bound;
      this.resetSeen = true;
    } else if (!this.windowConfirmed) {
      // The server's window began between our first send and this response.
      this.windowEnd = Math.max(this.windowEnd, now + this.windowMs);
    }
    this.windowConfirmed = true;
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const now = Date.now();
      if (now < this.blockedUntil) {
        this.wakeAt(this.blockedUntil);
        return;
      }
      if (this.windowEnd !== 0 && now >= this.windowEnd) this.windowEnd = 0;
      if (this.windowEnd === 0) {
        this.window++;
        this.windowEnd = now + this.windowMs;
        this.windowConfirmed = false;
        this.resetSeen = false;
        this.tokens = this.limit - this.inFlight;
      }
      if (this.tokens < 1) {
        this.wakeAt(this.windowEnd);
        return;
      }
      this.tokens--;
      this.inFlight++;
      this.waiting.shift()?.({ window: this.window });
    }
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.drain();
      },
      Math.max(0, at - Date.now()),
    );
  }
}

const pacers = new Map<string, RateLimitPacer>();

/**
 * The one pacer of an API key in this process, so that every client of the key shares its budget.
 * The registry is keyed by a hash: the key itself is never kept as a map key. The first caller's
 * options configure it.
 */
export function pacerForApiKey(apiKey: string, options: PacerOptions = {}): RateLimitPacer {
  const id = createHash("sha256").update(apiKey).digest("hex");
  let pacer = pacers.get(id);
  if (!pacer) {
    pacer = new RateLimitPacer(options);
    pacers.set(id, pacer);
  }
  return pacer;
}
