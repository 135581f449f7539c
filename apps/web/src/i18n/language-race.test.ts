import { expect, it } from "vitest";
import { i18n, setLanguage } from "./index";

it("keeps the last of two quick choices even when the first one's texts arrive later", async () => {
  const german = setLanguage("de");
  const english = setLanguage("en");
  await Promise.all([german, english]);

  expect(i18n.hasResourceBundle("de", "translation")).toBe(true);
  expect(i18n.language).toBe("en");
});
