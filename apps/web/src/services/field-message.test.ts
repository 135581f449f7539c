import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { de } from "../i18n/de";
import { en } from "../i18n/en";
import { fieldErrorMessage, SERVER_MESSAGE } from "./field-message";

async function translator(lng: "en" | "de") {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { en: { translation: en }, de: { translation: de } } });
  return i18n.t;
}

describe("fieldErrorMessage", () => {
  it("states the field's rule in the chosen language whatever the schema said", async () => {
    const error = { type: "too_big", message: "Duration must be between 5 and 720 minutes" };
    expect(fieldErrorMessage("durationMinutes", error, await translator("en"))).toBe("Enter a whole number of minutes from 5 to 720.");
    expect(fieldErrorMessage("durationMinutes", error, await translator("de"))).toBe("Geben Sie eine ganze Minutenzahl von 5 bis 720 ein.");
    expect(fieldErrorMessage("slug", { type: "invalid_format" }, await translator("en"))).toContain("without spaces");
  });

  it("keeps the server's own words for errors that are not rule breaches", async () => {
    const error = { type: SERVER_MESSAGE, message: "A service with this slug already exists" };
    expect(fieldErrorMessage("slug", error, await translator("de"))).toBe("A service with this slug already exists");
  });
});
