import { describe, expect, it } from "vitest";
import { shouldWarnNoWorker } from "./worker-status";

describe("shouldWarnNoWorker", () => {
  it("warns when the api says no worker is alive", () => {
    expect(shouldWarnNoWorker({ workerAlive: false })).toBe(true);
  });

  it("stays quiet while a worker runs, and while the answer is loading or failed", () => {
    expect(shouldWarnNoWorker({ workerAlive: true })).toBe(false);
    expect(shouldWarnNoWorker(undefined)).toBe(false);
  });
});
