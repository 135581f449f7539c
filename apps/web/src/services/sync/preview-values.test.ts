import type { SyncPreviewNotSent } from "@askpro/api";
import { describe, expect, it } from "vitest";
import { formatPreviewValue, priceDrift, type ValueWords } from "./preview-values";

const en: ValueWords = { locale: "en", yes: "Yes", no: "No", empty: "(empty)", notSet: "Not set" };
const plain = (text: string | null) => text?.replace(/\s/g, " ");

describe("formatPreviewValue", () => {
  it("shows durations, buffers and notice as minutes in the UI's language", () => {
    expect(formatPreviewValue("lengthInMinutes", 15, en)).toBe("15 min");
    expect(formatPreviewValue("afterEventBuffer", 5, en)).toBe("5 min");
    expect(formatPreviewValue("beforeEventBuffer", 0, en)).toBe("0 min");
    expect(formatPreviewValue("minimumBookingNotice", 1440, en)).toBe("1 day");
    expect(formatPreviewValue("lengthInMinutes", 15, { ...en, locale: "de" })).toBe("15 Min.");
  });

  it("shows flags as Yes/No, and Cal.com's confirmation policy as whether confirmation is required", () => {
    expect(formatPreviewValue("hidden", false, en)).toBe("No");
    expect(formatPreviewValue("disableGuests", true, en)).toBe("Yes");
    expect(formatPreviewValue("confirmationPolicy", { disabled: true }, en)).toBe("No");
    expect(formatPreviewValue("confirmationPolicy", { type: "always", blockUnconfirmedBookingsInBooker: true }, en)).toBe("Yes");
  });

  it("shows texts as they are, an empty text as such, and values Cal.com did not report as not set", () => {
    expect(formatPreviewValue("title", "<img src=x onerror=alert(1)>", en)).toBe("<img src=x onerror=alert(1)>");
    expect(formatPreviewValue("description", "", en)).toBe("(empty)");
    expect(formatPreviewValue("description", null, en)).toBe("Not set");
    expect(formatPreviewValue("lengthInMinutes", null, en)).toBe("Not set");
    expect(formatPreviewValue("hidden", "yes", en)).toBe("Not set");
    expect(formatPreviewValue("confirmationPolicy", null, en)).toBe("Not set");
    expect(formatPreviewValue("confirmationPolicy", { something: 1 }, en)).toBe("Not set");
  });
});

function notSent(price: number, calcomPrice: number | null, currency: string, calcomCurrency: string | null): SyncPreviewNotSent[] {
  return [
    { field: "price", label: "Price", reason: "r", local: price, currentInCalcom: calcomPrice, differs: calcomPrice !== null && calcomPrice !== price },
    {
      field: "currency",
      label: "Currency",
      reason: "r",
      local: currency,
      currentInCalcom: calcomCurrency,
      differs: calcomCurrency !== null && calcomCurrency.toLowerCase() !== currency.toLowerCase(),
    },
  ];
}

describe("priceDrift", () => {
  it("formats both prices in their currencies and reports no drift when they agree", () => {
    expect(priceDrift(notSent(4900, 4900, "EUR", "eur"), "en")).toEqual({ local: "€49.00", inCalcom: "€49.00", differs: false });
  });

  it("reports drift when Cal.com holds another price or another currency", () => {
    expect(priceDrift(notSent(4900, 3900, "EUR", "eur"), "en")).toEqual({ local: "€49.00", inCalcom: "€39.00", differs: true });
    const currencyOnly = priceDrift(notSent(4900, 4900, "EUR", "usd"), "en");
    expect(currencyOnly).toEqual({ local: "€49.00", inCalcom: "$49.00", differs: true });
  });

  it("has no Cal.com price when Cal.com could not be read", () => {
    expect(priceDrift(notSent(0, null, "EUR", null), "de")).toMatchObject({ inCalcom: null, differs: false });
    expect(plain(priceDrift(notSent(0, null, "EUR", null), "de")?.local ?? null)).toBe("0,00 €");
  });

  it("is null when the preview names no price", () => {
    expect(priceDrift([], "en")).toBeNull();
  });
});
