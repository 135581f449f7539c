import { describe, expect, it } from "vitest";
import { historyState } from "./history-state";

describe("historyState", () => {
  it("is queued until the worker starts, then running until there is an outcome", () => {
    expect(historyState({ outcome: null, startedAt: null })).toBe("queued");
    expect(historyState({ outcome: null, startedAt: "2026-01-01T10:00:00.000Z" })).toBe("running");
  });

  it("is the recorded outcome once there is one", () => {
    expect(historyState({ outcome: "retrying", startedAt: "2026-01-01T10:00:00.000Z" })).toBe("retrying");
    expect(historyState({ outcome: "succeeded", startedAt: "2026-01-01T10:00:00.000Z" })).toBe("succeeded");
    expect(historyState({ outcome: "failed", startedAt: null })).toBe("failed");
  });
});
