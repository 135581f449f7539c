import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en, type Messages } from "./en";

export const LANGUAGES = ["en", "de"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "askpro.language";

/**
 * English ships with the first script: it is the default and the fallback. Every other catalogue is a chunk
 * of its own, fetched when that language is chosen, so nobody downloads texts they do not read.
 */
const LAZY_CATALOGUES: Record<Exclude<Language, "en">, () => Promise<Messages>> = {
  de: () => import("./de").then((module) => module.de),
};

function storedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === "de" ? "de" : "en";
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: "en",
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

let requested: Language = "en";

/** Switches once the language's texts are there; of several quick choices the last one wins. */
export async function setLanguage(language: Language): Promise<void> {
  requested = language;
  if (language !== "en" && !i18n.hasResourceBundle(language, "translation")) {
    i18n.addResourceBundle(language, "translation", await LAZY_CATALOGUES[language]());
  }
  if (requested === language) await i18n.changeLanguage(language);
}

/**
 * Resolves once the remembered language can be shown; main.tsx renders after it, so a German user never
 * sees English first. When its texts cannot be fetched the app starts in English.
 */
const remembered = storedLanguage();
export const languageReady: Promise<void> = remembered === "en" ? Promise.resolve() : setLanguage(remembered).catch(() => undefined);
