import { describe, expect, it } from "vitest";
import { calcomKeyFormSchema, calcomKeyRuleOf } from "./calcom-key-form";

/** The rule the form reports for a typed value, as react-hook-form's zod resolver would (first issue). */
function ruleFor(apiKey: string) {
  const result = calcomKeyFormSchema.safeParse({ apiKey });
  if (result.success) return null;
  const [issue] = result.error.issues;
  return issue ? calcomKeyRuleOf({ code: issue.code, message: issue.message }) : null;
}

describe("calcomKeyFormSchema", () => {
  it("accepts test and live keys, trimmed of pasted spaces", () => {
    expect(calcomKeyFormSchema.parse({ apiKey: "  cal_live_0123456789abcdef\n" })).toEqual({ apiKey: "cal_live_0123456789abcdef" });
    expect(calcomKeyFormSchema.parse({ apiKey: "cal_test_praxis_nord" }).apiKey).toBe("cal_test_praxis_nord");
  });

  it("reports one rule per value, the first one broken", () => {
    expect(ruleFor("")).toBe("required");
    expect(ruleFor("   ")).toBe("required");
    expect(ruleFor("cal_ab")).toBe("tooShort");
    expect(ruleFor(`cal_live_${"a".repeat(200)}`)).toBe("tooLong");
    expect(ruleFor("sk_live_0123456789")).toBe("format");
    expect(ruleFor("Bearer cal_live_0123456789")).toBe("format");
    expect(ruleFor("cal_live_0123 456789")).toBe("format");
    expect(ruleFor("CAL_live_0123456789")).toBe("format");
  });

  it("never repeats the typed value in its messages", () => {
    const typed = "sk_live_secret_value_0123";
    const result = calcomKeyFormSchema.safeParse({ apiKey: typed });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues.map(({ message }) => message))).not.toContain("secret_value");
  });
});

describe("calcomKeyRuleOf", () => {
  it("reads the api's zod issues by their code", () => {
    expect(calcomKeyRuleOf({ code: "invalid_format", message: "A Cal.com API key starts with cal_ or cal_live_…" })).toBe("format");
    expect(calcomKeyRuleOf({ code: "too_small", message: "That is too short for a Cal.com API key" })).toBe("tooShort");
    expect(calcomKeyRuleOf({ code: "too_big", message: "That is too long for a Cal.com API key" })).toBe("tooLong");
    expect(calcomKeyRuleOf({ code: "invalid_type", message: "Enter the Cal.com API key" })).toBe("required");
  });

  it("has no rule for other errors, whose own words are shown", () => {
    expect(calcomKeyRuleOf({ code: "custom", message: "Cal.com refused this key" })).toBeNull();
    expect(calcomKeyRuleOf({ message: "Cal.com refused this key" })).toBeNull();
  });
});
