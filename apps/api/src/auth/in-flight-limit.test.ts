import { describe, expect, it } from "vitest";
import { InFlightLimit } from "./in-flight-limit";

describe("InFlightLimit", () => {
  it("admits up to max per key, all keys or none, and forgets keys with nothing running", () => {
    const limit = new InFlightLimit(2);
    expect(limit.tryEnter(["ip:a", "account:x"])).toBe(true);
    expect(limit.tryEnter(["ip:a", "account:y"])).toBe(true);
    expect([limit.atLimit("ip:a"), limit.atLimit("account:x")]).toEqual([true, false]);
    // ip:a is full: account:z is not entered either.
    expect(limit.tryEnter(["ip:a", "account:z"])).toBe(false);
    expect(limit.tryEnter(["ip:b", "account:z"])).toBe(true);
    expect(limit.tryEnter(["ip:c", "account:z"])).toBe(true);
    expect(limit.tryEnter(["ip:d", "account:z"])).toBe(false);
    limit.leave(["ip:a", "account:x"]);
    expect(limit.tryEnter(["ip:a", "account:w"])).toBe(true);
    for (const keys of [["ip:a", "account:y"], ["ip:a", "account:w"], ["ip:b", "account:z"], ["ip:c", "account:z"]]) limit.leave(keys);
    expect(limit.size).toBe(0);
  });
});
