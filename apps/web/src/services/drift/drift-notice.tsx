import type { ServiceDto } from "../../trpc";
import { useTranslation } from "react-i18next";
import { Timestamp } from "../../ui/timestamp";
import { driftDetailText } from "./drift-text";

/**
 * On a service's page: what Cal.com holds that differs (each field, ours and Cal.com's) or that the event
 * type is gone, when it was checked, and the ways out, which are the panel's own buttons beside it.
 */
export function DriftNotice({ service }: { service: Pick<ServiceDto, "drift"> }) {
  const { t } = useTranslation();
  const { drift } = service;
  if (!drift || drift.state === "in_step") return null;
  return (
    <div className="drift-notice" role="status">
      <p className="drift-notice__text">{driftDetailText(drift.detail, t) ?? t(drift.state === "missing_in_calcom" ? "drift.missingBadge" : "drift.changedBadge")}</p>
      <p className="drift-notice__meta">
        {t("drift.checkedAt")} <Timestamp iso={drift.checkedAt} />
      </p>
      <p className="drift-notice__meta">{t(drift.state === "missing_in_calcom" ? "drift.missingActions" : "drift.changedActions")}</p>
    </div>
  );
}
