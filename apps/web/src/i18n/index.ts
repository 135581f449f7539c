import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { de } from "./de";
import { en } from "./en";

export const LANGUAGES = ["en", "de"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "askpro.language";

function storedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === "de" ? "de" : "en";
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: storedLanguage(),
  fallbackLng: "en",
  supportedLngs: LANGUAGES,
  // React escapes every rendered string already; i18next escaping on top would double-escape names.
  interpolation: { escapeValue: false },
  initAsync: false,
});

function reflectLanguage(language: string): void {
  if (typeof document !== "undefined") document.documentElement.lang = language;
}
reflectLanguage(i18n.language);
i18n.on("languageChanged", (language) => {
  reflectLanguage(language);
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
});

export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
}
