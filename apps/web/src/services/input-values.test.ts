import { describe, expect, it } from "vitest";
import { toCurrency, toNumber, toOptionalNumber } from "./input-values";

describe("toNumber", () => {
  it("reads typed text and passes numbers through", () => {
    expect(toNumber("45")).toBe(45);
    expect(toNumber(" 12 ")).toBe(12);
    expect(toNumber(30)).toBe(30);
  });

  it("turns blank or unreadable input into NaN for the schema to reject", () => {
    expect(toNumber("")).toBeNaN();
    expect(toNumber(null)).toBeNaN();
    expect(toNumber("12a")).toBeNaN();
  });
});

describe("toOptionalNumber", () => {
  it("treats the default null and an emptied field alike as not linked", () => {
    expect(toOptionalNumber(null)).toBeNull();
    expect(toOptionalNumber(undefined)).toBeNull();
    expect(toOptionalNumber("  ")).toBeNull();
  });

  it("reads an id and keeps garbage visible as NaN", () => {
    expect(toOptionalNumber("3664712")).toBe(3664712);
    expect(toOptionalNumber(3664712)).toBe(3664712);
    expect(toOptionalNumber("abc")).toBeNaN();
  });
});

describe("toCurrency", () => {
  it("normalises the code's case and spaces", () => {
    expect(toCurrency(" eur ")).toBe("EUR");
    expect(toCurrency(null)).toBe("");
  });
});
