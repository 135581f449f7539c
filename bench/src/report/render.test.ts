import { describe, expect, it } from "vitest";
import { formatNumber, formatRatio } from "./render";
import { meets } from "./result";

describe("formatNumber", () => {
  it("keeps three significant digits", () => {
    expect(formatNumber(0.0012345)).toBe("0.00123");
    expect(formatNumber(12.345)).toBe("12.3");
    expect(formatNumber(4096.4)).toBe("4,096");
    expect(formatNumber(Number.NaN)).toBe("n/a");
  });
});

describe("formatRatio", () => {
  it("divides the figure by its baseline and says how many times lower a smaller one is", () => {
    expect(formatRatio({ label: "p95", value: 5, unit: "ms", baseline: 5_000 })).toBe("0.001x (1,000x lower)");
    expect(formatRatio({ label: "rate", value: 300, unit: "syncs/s", baseline: 100 })).toBe("3x");
    expect(formatRatio({ label: "size", value: 1, unit: "kB" })).toBe("-");
  });
});

describe("meets", () => {
  it("compares with the target in its direction, and fails a figure that could not be measured", () => {
    expect(meets({ label: "p95", value: 20, unit: "ms", target: { op: "<=", value: 25 } })).toBe(true);
    expect(meets({ label: "rate", value: 150, unit: "syncs/s", target: { op: ">=", value: 200 } })).toBe(false);
    expect(meets({ label: "p95", value: Number.NaN, unit: "ms", target: { op: "<=", value: 25 } })).toBe(false);
    expect(meets({ label: "p50", value: 3, unit: "ms" })).toBeUndefined();
  });
});
