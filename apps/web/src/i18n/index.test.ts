import { describe, expect, it } from "vitest";
import { i18n, setLanguage } from "./index";

// One module instance for the whole file: the order of the tests is the order of a session.
describe("translations", () => {
  it("starts with English only; German is fetched when chosen", async () => {
    expect(i18n.language).toBe("en");
    expect(i18n.hasResourceBundle("de", "translation")).toBe(false);

    await setLanguage("de");

    expect(i18n.language).toBe("de");
    expect(i18n.t("language.label")).toBe("Sprache");
  });

  it("switches back to English without fetching anything", async () => {
    await setLanguage("en");
    expect(i18n.t("language.label")).toBe("Language");
  });
});
