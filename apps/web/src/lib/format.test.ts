import { describe, expect, it } from "vitest";
import { currencyFractionDigits, formatDateTime, formatDuration, formatTimeOfDay, formatMinutes, formatPrice, formatRelative } from "./format";

// Intl separates amount and symbol with a no-break space; compare on plain spaces.
const plain = (text: string) => text.replace(/\s/g, " ");

describe("formatMinutes", () => {
  it("shows short durations in minutes", () => {
    expect(formatMinutes(15, "en")).toBe("15 min");
    expect(formatMinutes(15, "de")).toBe("15 Min.");
  });

  it("splits longer durations into days, hours and minutes, leaving out zero parts", () => {
    expect(formatMinutes(90, "en")).toBe("1 hr 30 min");
    expect(formatMinutes(120, "en")).toBe("2 hr");
    expect(formatMinutes(1440 + 5, "en")).toBe("1 day 5 min");
    expect(formatMinutes(43_200, "de")).toBe("30 Tage");
  });

  it("shows zero as zero minutes", () => {
    expect(formatMinutes(0, "en")).toBe("0 min");
  });
});

describe("formatPrice", () => {
  it("turns cents into the currency's amount in the locale's style", () => {
    expect(formatPrice(4990, "EUR", "en")).toBe("€49.90");
    expect(plain(formatPrice(4990, "EUR", "de"))).toBe("49,90 €");
    expect(formatPrice(0, "USD", "en")).toBe("$0.00");
  });

  it("respects currencies without minor units", () => {
    expect(currencyFractionDigits("JPY")).toBe(0);
    expect(formatPrice(500, "JPY", "en")).toBe("¥500");
  });

  it("still shows the amount when the currency code is not valid", () => {
    expect(formatPrice(1234, "EURO", "en")).toBe("12.34 EURO");
  });
});

describe("formatRelative", () => {
  const now = new Date("2026-03-10T12:00:00Z");

  it("picks the largest fitting unit", () => {
    expect(formatRelative("2026-03-10T11:55:00Z", now, "en")).toBe("5 minutes ago");
    expect(formatRelative("2026-03-10T09:00:00Z", now, "en")).toBe("3 hours ago");
    expect(formatRelative("2026-03-09T12:00:00Z", now, "en")).toBe("yesterday");
    expect(formatRelative("2026-03-10T14:00:00Z", now, "en")).toBe("in 2 hours");
    expect(formatRelative("2025-01-10T12:00:00Z", now, "en")).toBe("last year");
  });

  it("calls the last few seconds 'now' and speaks German when asked", () => {
    expect(formatRelative("2026-03-10T11:59:57Z", now, "en")).toBe("now");
    expect(formatRelative("2026-03-10T11:55:00Z", now, "de")).toBe("vor 5 Minuten");
  });
});

describe("formatDateTime", () => {
  it("formats an ISO timestamp with date and time", () => {
    const text = formatDateTime("2026-03-10T12:00:00Z", "en");
    expect(text).toContain("Mar 10, 2026");
  });
});

describe("formatDuration", () => {
  it("shows short calls in milliseconds and longer ones in seconds with one decimal", () => {
    expect(formatDuration(0, "en")).toBe("0 ms");
    expect(formatDuration(349.6, "en")).toBe("350 ms");
    expect(formatDuration(1234, "en")).toBe("1.2 sec");
    expect(plain(formatDuration(1299, "de"))).toBe("1,2 Sek.");
    expect(formatDuration(59_999, "en")).toBe("59.9 sec");
  });

  it("shows a minute or more as minutes and whole seconds", () => {
    expect(formatDuration(60_000, "en")).toBe("1 min");
    expect(formatDuration(125_400, "en")).toBe("2 min 5 sec");
  });

  it("never shows a negative or broken duration", () => {
    expect(formatDuration(-5, "en")).toBe("0 ms");
    expect(formatDuration(Number.NaN, "en")).toBe("0 ms");
  });
});

describe("formatTimeOfDay", () => {
  it("shows the time to the second", () => {
    const iso = new Date(2026, 0, 2, 14, 5, 9).toISOString();
    expect(plain(formatTimeOfDay(iso, "en"))).toBe("2:05:09 PM");
    expect(formatTimeOfDay(iso, "de")).toBe("14:05:09");
  });
});
