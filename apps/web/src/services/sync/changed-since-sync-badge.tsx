import { useTranslation } from "react-i18next";

/**
 * "Changed since last sync": a field that is sent to Cal.com was edited after Cal.com last confirmed the
 * service (price and other unsent fields do not count). The api decides (ServiceDto.changedSinceSync).
 */
export function ChangedSinceSyncBadge({ changed }: { changed: boolean }) {
  const { t } = useTranslation();
  if (!changed) return null;
  return (
    <span className="changed-badge" title={t("changedSinceSync.hint")}>
      <span className="changed-badge__dot" aria-hidden="true" />
      {t("changedSinceSync.badge")}
    </span>
  );
}
