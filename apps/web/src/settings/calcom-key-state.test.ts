import { describe, expect, it } from "vitest";
import { calcomKeyStateOf } from "./calcom-key-state";

describe("calcomKeyStateOf", () => {
  it("names the company key by its last four characters", () => {
    expect(calcomKeyStateOf({ configured: true, last4: "nord", source: "company" })).toEqual({ kind: "company", last4: "nord" });
  });

  it("reports a stored company key without its last four characters as unreadable", () => {
    expect(calcomKeyStateOf({ configured: true, last4: null, source: "company" })).toEqual({ kind: "unreadable" });
  });

  it("tells the global key from no key at all", () => {
    expect(calcomKeyStateOf({ configured: false, last4: null, source: "global" })).toEqual({ kind: "global" });
    expect(calcomKeyStateOf({ configured: false, last4: null, source: "none" })).toEqual({ kind: "none" });
  });
});
