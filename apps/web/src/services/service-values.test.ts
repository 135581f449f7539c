import { serviceInputSchema } from "@askpro/domain";
import { describe, expect, it } from "vitest";
import { differingFields, NEW_SERVICE_VALUES, slugify, toServiceInput } from "./service-values";

describe("NEW_SERVICE_VALUES", () => {
  it("is a valid service once name and slug are filled in", () => {
    expect(serviceInputSchema.safeParse(NEW_SERVICE_VALUES).success).toBe(false);
    expect(serviceInputSchema.safeParse({ ...NEW_SERVICE_VALUES, name: "Erstberatung", slug: "erstberatung" }).success).toBe(true);
  });
});

describe("toServiceInput", () => {
  it("keeps only the editable fields of a service from the api", () => {
    const dto = { ...NEW_SERVICE_VALUES, id: "abc", version: 3, syncStatus: "synced", companyName: "AskProAI" };
    expect(toServiceInput(dto)).toEqual(NEW_SERVICE_VALUES);
  });
});

describe("differingFields", () => {
  it("lists changed fields in form order", () => {
    const theirs = { ...NEW_SERVICE_VALUES, description: "new text", durationMinutes: 45 };
    expect(differingFields(NEW_SERVICE_VALUES, theirs)).toEqual(["description", "durationMinutes"]);
    expect(differingFields(NEW_SERVICE_VALUES, { ...NEW_SERVICE_VALUES })).toEqual([]);
  });

  it("treats an unparsable number in the form as a difference and null event type ids as equal", () => {
    expect(differingFields({ ...NEW_SERVICE_VALUES, priceCents: Number.NaN }, NEW_SERVICE_VALUES)).toEqual(["priceCents"]);
    expect(differingFields({ ...NEW_SERVICE_VALUES, calcomEventTypeId: 3664712 }, NEW_SERVICE_VALUES)).toEqual(["calcomEventTypeId"]);
  });
});

describe("slugify", () => {
  it("suggests a valid slug from a German name", () => {
    expect(slugify("15 Minuten Schnellberatung")).toBe("15-minuten-schnellberatung");
    expect(slugify("Größe & Maß: Übersicht")).toBe("groesse-mass-uebersicht");
    expect(slugify("  Café Crème  ")).toBe("cafe-creme");
  });

  it("always produces something the schema accepts, or nothing", () => {
    for (const name of ["--A--B--", "!!!", "x".repeat(150), `${"a".repeat(99)} b`]) {
      const slug = slugify(name);
      if (slug) expect(serviceInputSchema.shape.slug.safeParse(slug).success, name).toBe(true);
    }
    expect(slugify("!!!")).toBe("");
  });
});
