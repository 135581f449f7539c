import { describe, expect, it } from "vitest";
import { BlockedMemo } from "./blocked-memo";

describe("BlockedMemo", () => {
  it("remembers a blocked key for rememberMs, then forgets it", () => {
    const memo = new BlockedMemo(5_000, 100);
    memo.remember("ip:a", 1_000);
    expect(memo.isBlocked(["account:x", "ip:a"], 5_999)).toBe(true);
    expect(memo.isBlocked(["account:x"], 5_999)).toBe(false);
    expect(memo.isBlocked(["ip:a"], 6_000)).toBe(false);
    expect(memo.size).toBe(0);
  });

  it("keeps at most maxEntries, dropping the oldest", () => {
    const memo = new BlockedMemo(5_000, 2);
    for (const key of ["ip:a", "ip:b", "ip:c"]) memo.remember(key, 0);
    expect([memo.isBlocked(["ip:a"], 1), memo.isBlocked(["ip:b"], 1), memo.isBlocked(["ip:c"], 1)]).toEqual([false, true, true]);
  });
});
