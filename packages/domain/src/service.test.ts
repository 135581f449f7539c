import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type ServiceInput, serviceInputSchema, serviceUpdateSchema } from "./service";

const valid: ServiceInput = {
  name: "15 Minuten Schnellberatung",
  slug: "15-minuten-schnellberatung",
  description: "",
  durationMinutes: 15,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 5,
  minimumBookingNoticeMinutes: 120,
  priceCents: 0,
  currency: "EUR",
  isActive: true,
  requiresConfirmation: false,
  disableGuests: false,
  calcomEventTypeId: 3664712,
};

function errorsFor(input: unknown): Partial<Record<string, string[]>> {
  const result = serviceInputSchema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
}

describe("serviceInputSchema", () => {
  it("accepts a complete service and trims the name", () => {
    expect(serviceInputSchema.parse({ ...valid, name: "  Erstberatung  " }).name).toBe("Erstberatung");
    expect(serviceInputSchema.parse({ ...valid, calcomEventTypeId: null }).calcomEventTypeId).toBeNull();
  });

  it.each([
    ["an empty name", { name: "" }, "name", "Name is required"],
    ["a blank name", { name: "   " }, "name", "Name is required"],
    ["a 121-character name", { name: "x".repeat(121) }, "name", "Name must be at most 120 characters"],
    ["a slug with spaces", { slug: "erst beratung" }, "slug", "Slug may only contain lowercase letters"],
    ["a slug with capitals", { slug: "Erstberatung" }, "slug", "Slug may only contain lowercase letters"],
    ["a slug with a double dash", { slug: "erst--beratung" }, "slug", "Slug may only contain lowercase letters"],
    ["a slug ending in a dash", { slug: "erstberatung-" }, "slug", "Slug may only contain lowercase letters"],
    ["a 101-character slug", { slug: "a".repeat(101) }, "slug", "Slug must be at most 100 characters"],
    ["a 5001-character description", { description: "x".repeat(5001) }, "description", "at most 5,000 characters"],
    ["a 1000-minute duration", { durationMinutes: 1000 }, "durationMinutes", "Duration must be between 5 and 720 minutes"],
    ["a 4-minute duration", { durationMinutes: 4 }, "durationMinutes", "Duration must be between 5 and 720 minutes"],
    ["a fractional duration", { durationMinutes: 15.5 }, "durationMinutes", "Duration must be a whole number of minutes"],
    ["a duration given as text", { durationMinutes: "15" }, "durationMinutes", "Duration must be a number"],
    ["a negative buffer", { bufferBeforeMinutes: -1 }, "bufferBeforeMinutes", "Buffer before must be between 0 and 240 minutes"],
    ["a 241-minute buffer", { bufferAfterMinutes: 241 }, "bufferAfterMinutes", "Buffer after must be between 0 and 240 minutes"],
    ["a notice over 30 days", { minimumBookingNoticeMinutes: 43_201 }, "minimumBookingNoticeMinutes", "between 0 and 43,200 minutes"],
    ["a negative price", { priceCents: -1 }, "priceCents", "Price cannot be negative"],
    ["a price in fractions of a cent", { priceCents: 9.99 }, "priceCents", "Price must be a whole number of cents"],
    ["a price beyond what the database holds", { priceCents: 2 ** 31 }, "priceCents", "Price must be at most 21,474,836.47"],
    ["a lower-case currency", { currency: "eur" }, "currency", "ISO 4217"],
    ["an invented currency", { currency: "ABC" }, "currency", "ISO 4217"],
    ["a zero event type id", { calcomEventTypeId: 0 }, "calcomEventTypeId", "must be a positive number"],
    ["a missing flag", { isActive: undefined }, "isActive", "Active must be yes or no"],
  ])("rejects %s with a readable message", (_, change, field, message) => {
    const errors = errorsFor({ ...valid, ...change });
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]?.join(" ")).toContain(message);
  });

  it("accepts the edges of every range", () => {
    const edges = [
      { durationMinutes: 5 },
      { durationMinutes: 720 },
      { bufferBeforeMinutes: 240, bufferAfterMinutes: 0 },
      { minimumBookingNoticeMinutes: 43_200 },
      { description: "x".repeat(5000) },
      { name: "x".repeat(120), slug: "a".repeat(100) },
      { currency: "CHF" },
    ];
    for (const edge of edges) expect(errorsFor({ ...valid, ...edge })).toEqual({});
  });
});

describe("serviceUpdateSchema", () => {
  it("needs the id and the version that was loaded", () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(serviceUpdateSchema.parse({ ...valid, id, version: 3 })).toMatchObject({ id, version: 3 });
    const result = serviceUpdateSchema.safeParse({ ...valid, id: "42", version: 0 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["id", "version"]);
  });
});
