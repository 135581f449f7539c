import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { LANGUAGES, type Language, setLanguage } from "../i18n";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  // The chosen language while its texts are fetched, so the select does not jump back in the meantime.
  const [pending, setPending] = useState<Language | null>(null);
  const choose = (language: Language) => {
    setPending(language);
    setLanguage(language)
      .catch(() => toast.error(t("app.genericError")))
      .finally(() => setPending((current) => (current === language ? null : current)));
  };
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("language.label")}</span>
      <svg aria-hidden="true" viewBox="0 0 20 20" className="language-switch__icon">
        <path
          fill="currentColor"
          d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm5.9 7.75h-2.67a13.1 13.1 0 0 0-1.1-4.9 7 7 0 0 1 3.77 4.9ZM10 3.1c.74.98 1.56 2.9 1.72 6.15H8.28C8.44 6 9.26 4.08 10 3.1ZM7.87 4.35a13.1 13.1 0 0 0-1.1 4.9H4.1a7 7 0 0 1 3.77-4.9ZM4.1 10.75h2.67c.1 2 .5 3.7 1.1 4.9a7 7 0 0 1-3.77-4.9ZM10 16.9c-.74-.98-1.56-2.9-1.72-6.15h3.44C11.56 14 10.74 15.92 10 16.9Zm2.13-1.25c.6-1.2 1-2.9 1.1-4.9h2.67a7 7 0 0 1-3.77 4.9Z"
        />
      </svg>
      <select value={pending ?? i18n.resolvedLanguage} onChange={(event) => choose(event.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
