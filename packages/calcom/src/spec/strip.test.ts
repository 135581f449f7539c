import { describe, expect, it } from "vitest";
import { namedSchema } from "./spec";
import { stripUnknownFields } from "./strip";

const update = namedSchema("UpdateEventTypeInput_2024_06_14");

describe("stripUnknownFields", () => {
  it("drops top-level and nested fields the spec does not define", () => {
    expect(
      stripUnknownFields(
        {
          title: "A",
          price: 10,
          bookerLayouts: { defaultLayout: "month", enabledLayouts: ["month"], theme: "dark" },
          locations: [{ type: "address", address: "Hauptstr. 1", public: true, floor: 2 }],
        },
        update,
      ),
    ).toEqual({
      title: "A",
      bookerLayouts: { defaultLayout: "month", enabledLayouts: ["month"] },
      locations: [{ type: "address", address: "Hauptstr. 1", public: true }],
    });
  });

  it("keeps the fields of every oneOf alternative", () => {
    const always = { type: "always", blockUnconfirmedBookingsInBooker: true, noticeThreshold: { unit: "minutes", count: 30 } };
    expect(stripUnknownFields({ confirmationPolicy: always }, update)).toEqual({ confirmationPolicy: always });
    expect(stripUnknownFields({ confirmationPolicy: { disabled: true, why: "x" } }, update)).toEqual({ confirmationPolicy: { disabled: true } });
  });

  it("leaves values of the wrong type for validation to report", () => {
    expect(stripUnknownFields({ title: 5, hidden: "no" }, update)).toEqual({ title: 5, hidden: "no" });
    expect(stripUnknownFields("text", update)).toBe("text");
  });
});
