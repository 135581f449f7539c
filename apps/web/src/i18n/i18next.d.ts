import "i18next";
import type { en } from "./en";

// Typed keys: a misspelt translation key fails the typecheck instead of showing the key in the UI.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
