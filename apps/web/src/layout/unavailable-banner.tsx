import { useTranslation } from "react-i18next";
import { useApiUnavailable } from "../lib/use-unavailable";

export function UnavailableBanner() {
  const { t } = useTranslation();
  const unavailable = useApiUnavailable();
  // The live region stays mounted so screen readers announce the message when it appears.
  return (
    <div className="unavailable-region" role="status" aria-live="polite">
      {unavailable && (
        <div className="unavailable-banner">
          <span className="spinner spinner--small" aria-hidden="true" />
          <strong>{t("app.unavailable")}</strong>
          <span className="unavailable-banner__detail">{t("app.unavailableDetail")}</span>
        </div>
      )}
    </div>
  );
}
