import { describe, expect, it } from "vitest";
import { editedFieldKey, formatEditedValue } from "./edit-values";

const texts = {
  minutes: (value: number) => `${value} min`,
  price: (cents: number) => `€${(cents / 100).toFixed(2)}`,
  yes: "Yes",
  no: "No",
  guestsAllowed: "Allowed",
  guestsDisabled: "Not allowed",
  empty: "(empty)",
};

describe("formatEditedValue", () => {
  it("words each kind of field as the details do", () => {
    expect(formatEditedValue("durationMinutes", 20, texts)).toBe("20 min");
    expect(formatEditedValue("priceCents", 4900, texts)).toBe("€49.00");
    expect(formatEditedValue("isActive", false, texts)).toBe("No");
    expect(formatEditedValue("disableGuests", true, texts)).toBe("Not allowed");
    expect(formatEditedValue("name", "Erstberatung", texts)).toBe("Erstberatung");
    expect(formatEditedValue("calcomEventTypeId", 3664712, texts)).toBe("3664712");
  });

  it("shows a missing or empty value as empty, but keeps 0", () => {
    expect(formatEditedValue("description", "", texts)).toBe("(empty)");
    expect(formatEditedValue("name", null, texts)).toBe("(empty)");
    expect(formatEditedValue("bufferBeforeMinutes", 0, texts)).toBe("0 min");
  });

  it("labels priceCents as the price", () => {
    expect(editedFieldKey("priceCents")).toBe("price");
    expect(editedFieldKey("slug")).toBe("slug");
  });
});
