import { describe, expect, it } from "vitest";
import { RetryableJobError, retryDelayMs, SYNC_RETRY_POLICY } from "./retry";

const noJitter = () => 0;

describe("retryDelayMs", () => {
  it("doubles the delay after each failed attempt, up to the cap", () => {
    const policy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 5_000, jitter: 0 };
    const delays = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs(policy, attempt, new RetryableJobError("503"), noJitter));
    expect(delays).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it("spreads the sync policy's five attempts over about 15 minutes", () => {
    const delays = [1, 2, 3, 4].map((attempt) => retryDelayMs(SYNC_RETRY_POLICY, attempt, new RetryableJobError("503"), noJitter));
    const total = delays.reduce<number>((sum, delay) => sum + (delay ?? 0), 0);
    expect(total).toBe(15 * 60_000);
    expect(retryDelayMs(SYNC_RETRY_POLICY, 5, new RetryableJobError("503"), noJitter)).toBeNull();
  });

  it("shortens a delay by at most the jitter share", () => {
    const policy = { ...SYNC_RETRY_POLICY, jitter: 0.2 };
    expect(retryDelayMs(policy, 1, new RetryableJobError("503"), () => 1)).toBe(48_000);
    expect(retryDelayMs(policy, 1, new RetryableJobError("503"), () => 0.5)).toBe(54_000);
  });

  it("waits at least as long as Retry-After asked", () => {
    const error = new RetryableJobError("429", { retryAfterMs: 90_000 });
    expect(retryDelayMs(SYNC_RETRY_POLICY, 1, error, noJitter)).toBe(90_000);
  });

  it("does not retry errors that are not retryable", () => {
    expect(retryDelayMs(SYNC_RETRY_POLICY, 1, new Error("401"), noJitter)).toBeNull();
  });
});
