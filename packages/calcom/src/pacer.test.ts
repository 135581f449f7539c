import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type PacerTicket, RateLimitPacer } from "./pacer";

/** Acquires n tickets and returns them once all were granted (the timers are fake: advance them first). */
async function grant(pacer: RateLimitPacer, n: number): Promise<PacerTicket[]> {
  return Promise.all(Array.from({ length: n }, () => pacer.acquire()));
}

/** Resolves to the fake-clock time at which the promise settled, advancing the clock in 10 ms steps. */
async function grantedAt(ticket: Promise<PacerTicket>, limitMs: number): Promise<number> {
  let granted: number | undefined;
  void ticket.then(() => {
    granted = Date.now();
  });
  for (let waited = 0; granted === undefined && waited <= limitMs; waited += 10) {
    await vi.advanceTimersByTimeAsync(10);
  }
  if (granted === undefined) throw new Error(`not granted within ${limitMs} ms`);
  return granted;
}

describe("RateLimitPacer window end", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ends the window at the tightest reset bound, not at the latest one", async () => {
    const pacer = new RateLimitPacer({ limit: 3, windowMs: 60_000 });
    const [a, b, c] = await grant(pacer, 3);
    // The server's window opened at about t=0 and lasts 6 s; each answer rounds the rest up to seconds.
    await vi.advanceTimersByTimeAsync(10);
    pacer.settle(a as PacerTicket, { rateLimit: { limit: 3, remaining: 2, resetMs: 6_000 } }); // bound 6,010
    await vi.advanceTimersByTimeAsync(890);
    pacer.settle(b as PacerTicket, { rateLimit: { limit: 3, remaining: 1, resetMs: 6_000 } }); // bound 6,900
    await vi.advanceTimersByTimeAsync(200);
    pacer.settle(c as PacerTicket, { rateLimit: { limit: 3, remaining: 0, resetMs: 5_000 } }); // bound 6,100

    const at = await grantedAt(pacer.acquire(), 10_000);
    expect(at).toBeGreaterThanOrEqual(6_010);
    expect(at).toBeLessThan(6_100);
  });

  it("takes the first reset header over its own guess, even when the server's window is longer", async () => {
    const pacer = new RateLimitPacer({ limit: 2, windowMs: 1_000 });
    const [a, b] = await grant(pacer, 2);
    await vi.advanceTimersByTimeAsync(5);
    pacer.settle(a as PacerTicket, { rateLimit: { limit: 2, remaining: 1, resetMs: 60_000 } });
    pacer.settle(b as PacerTicket, { rateLimit: { limit: 2, remaining: 0, resetMs: 60_000 } });

    const at = await grantedAt(pacer.acquire(), 70_000);
    expect(at).toBeGreaterThanOrEqual(60_005);
  });

  it("without reset headers waits its own window from the first answer", async () => {
    const pacer = new RateLimitPacer({ limit: 1, windowMs: 1_000 });
    const [a] = await grant(pacer, 1);
    await vi.advanceTimersByTimeAsync(300);
    pacer.settle(a as PacerTicket, {});

    // The server's window may have begun as late as this answer: 300 + 1,000.
    const at = await grantedAt(pacer.acquire(), 5_000);
    expect(at).toBeGreaterThanOrEqual(1_300);
    expect(at).toBeLessThan(1_400);
  });
});
