import { describe, expect, it } from "vitest";
import { gaveUpAfter } from "./run-sync";

describe("gaveUpAfter", () => {
  it("says how many attempts were made before giving up", () => {
    expect(gaveUpAfter("Cal.com did not answer in time (timeout)", 5)).toBe(
      "Cal.com did not answer in time (timeout) - gave up after 5 attempts",
    );
  });
});
