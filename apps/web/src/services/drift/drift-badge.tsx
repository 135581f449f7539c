import type { ServiceDto } from "../../trpc";
import { useTranslation } from "react-i18next";

/**
 * "Changed in Cal.com" / "Missing in Cal.com": what the latest drift check found in Cal.com (someone
 * edited or deleted the event type there). In step, or not checked yet: no badge.
 */
export function DriftBadge({ drift }: { drift: ServiceDto["drift"] }) {
  const { t } = useTranslation();
  if (!drift || drift.state === "in_step") return null;
  const missing = drift.state === "missing_in_calcom";
  return (
    <span className={missing ? "drift-badge drift-badge--missing" : "drift-badge"} title={t(missing ? "drift.missingHint" : "drift.changedHint")}>
      <span className="changed-badge__dot" aria-hidden="true" />
      {t(missing ? "drift.missingBadge" : "drift.changedBadge")}
    </span>
  );
}
