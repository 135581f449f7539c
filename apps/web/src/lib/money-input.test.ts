import { describe, expect, it } from "vitest";
import { formatMoneyInput, parseMoneyInput } from "./money-input";

describe("parseMoneyInput", () => {
  it("accepts whole amounts and either decimal separator", () => {
    expect(parseMoneyInput("49", "EUR")).toBe(4900);
    expect(parseMoneyInput("49.9", "EUR")).toBe(4990);
    expect(parseMoneyInput(" 49,90 ", "EUR")).toBe(4990);
    expect(parseMoneyInput("0", "EUR")).toBe(0);
    expect(parseMoneyInput("12.", "EUR")).toBe(1200);
  });

  it("keeps the sign so the schema can reject negative prices", () => {
    expect(parseMoneyInput("-5", "EUR")).toBe(-500);
  });

  it("rejects text it cannot read exactly instead of rounding", () => {
    for (const text of ["", "abc", "4.999", "1.000,00", "1e3", "€5"]) {
      expect(parseMoneyInput(text, "EUR"), text).toBeNaN();
    }
  });

  it("uses the currency's minor units", () => {
    expect(parseMoneyInput("500", "JPY")).toBe(500);
    expect(parseMoneyInput("500.5", "JPY")).toBeNaN();
  });
});

describe("formatMoneyInput", () => {
  it("round-trips with parseMoneyInput", () => {
    for (const cents of [0, 5, 4990, 123456]) {
      expect(parseMoneyInput(formatMoneyInput(cents, "EUR"), "EUR")).toBe(cents);
    }
    expect(formatMoneyInput(4990, "EUR")).toBe("49.90");
  });

  it("leaves the field empty for a value that is not a number", () => {
    expect(formatMoneyInput(Number.NaN, "EUR")).toBe("");
  });
});
