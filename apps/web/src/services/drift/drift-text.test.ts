import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { de } from "../../i18n/de";
import { en } from "../../i18n/en";
import { driftDetailText } from "./drift-text";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, de: { translation: de } }, lng: "en", fallbackLng: false, interpolation: { escapeValue: false } });
});

describe("driftDetailText", () => {
  it("names each changed field with ours and Cal.com's value, in English and German", () => {
    const detail = {
      code: "changed_in_calcom" as const,
      fields: [
        { field: "title", ours: "Beratung", calcom: "Beratung (neu)" },
        { field: "hidden", ours: false, calcom: true },
      ],
    };
    const english = driftDetailText(detail, i18n.getFixedT("en"));
    const german = driftDetailText(detail, i18n.getFixedT("de"));
    expect(english).toMatch(/^Changed in Cal\.com: .*\(ours “Beratung”, Cal\.com has “Beratung \(neu\)”\), .*\(ours no, Cal\.com has yes\)$/);
    expect(german).toMatch(/^In Cal\.com geändert: .*\(bei uns „Beratung“, in Cal\.com „Beratung \(neu\)“\), .*\(bei uns nein, in Cal\.com ja\)$/);
  });

  it("says a missing event type's id, and nothing for one in step", () => {
    expect(driftDetailText({ code: "missing_in_calcom", eventTypeId: 42 }, i18n.getFixedT("de"))).toContain("Ereignistyp 42 fehlt in Cal.com");
    expect(driftDetailText({ code: "in_step" }, i18n.getFixedT("en"))).toBeNull();
    expect(driftDetailText(null, i18n.getFixedT("en"))).toBeNull();
  });
});
