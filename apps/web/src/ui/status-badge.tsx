import type { SyncStatus } from "@askpro/domain";
import { useTranslation } from "react-i18next";

export function StatusBadge({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${status}`}>
      <span className="badge__dot" aria-hidden="true" />
      {t(`status.${status}`)}
    </span>
  );
}
