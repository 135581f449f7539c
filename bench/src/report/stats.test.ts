import { describe, expect, it } from "vitest";
import { achievedRate, distribution, percentile } from "./stats";

describe("percentile", () => {
  it("takes the nearest rank, whatever the order of the samples", () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 10)).toBe(1);
    expect(percentile(samples, 0)).toBe(1);
  });

  it("is NaN without samples", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("distribution", () => {
  it("summarises 100 samples", () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(distribution(samples)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });
});

describe("achievedRate", () => {
  it("is the limit's rate when every window opens right as the previous one ends", () => {
    // 3 requests per 1 s window, 10 requests: windows open at 0, 1000, 2000 and 3000 ms.
    const times = [0, 10, 20, 1000, 1010, 1020, 2000, 2010, 2020, 3000];
    expect(achievedRate(times, 3)).toBe(3);
  });

  it("drops when the client waits past the end of each window", () => {
    const times = [0, 10, 20, 1500, 1510, 1520, 3000, 3010, 3020, 4500];
    expect(achievedRate(times, 3)).toBe(2);
  });

  it("is NaN before a second window opens", () => {
    expect(achievedRate([0, 10, 20], 3)).toBeNaN();
  });
});
