import { describe, expect, it } from "vitest";
import { CALCOM_API_KEY_PATTERN } from "./calcom-api-key";

describe("CALCOM_API_KEY_PATTERN", () => {
  it("accepts cal_ and cal_live_ keys only", () => {
    for (const key of ["cal_test_praxis_nord", "cal_live_0123456789abcdef", "cal_abc"]) expect(key).toMatch(CALCOM_API_KEY_PATTERN);
    for (const key of ["live_0123", "cal_", "Bearer cal_abc", "cal_abc def", "cal_abc\n", "CAL_abc"]) expect(key).not.toMatch(CALCOM_API_KEY_PATTERN);
  });
});
