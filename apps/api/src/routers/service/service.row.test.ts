import { describe, expect, it } from "vitest";
import { isoTimestamp } from "./service.row";

describe("isoTimestamp", () => {
  const byDate = (value: string) => new Date(value.replace(" ", "T").replace(/\+00$/, "Z"));

  it("prints PostgreSQL's UTC text exactly as a Date parsed from it would", () => {
    for (const value of ["2026-11-24 12:31:21+00", "2026-11-24 12:31:21.4+00", "2026-11-24 12:31:21.48+00", "2026-11-24 12:31:21.489+00", "2026-11-24 12:31:21.489999+00"]) {
      expect(isoTimestamp(value, () => new Date(Number.NaN))).toBe(byDate(value).toISOString());
    }
  });

  it("leaves any other form to the parser it is given", () => {
    const parsed = new Date("2026-11-24T07:01:21.489Z");
    expect(isoTimestamp("2026-11-24 12:31:21.489+05:30", () => parsed)).toBe("2026-11-24T07:01:21.489Z");
  });
});
