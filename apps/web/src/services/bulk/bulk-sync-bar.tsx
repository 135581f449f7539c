import { useTranslation } from "react-i18next";

/** "Sync selected" and "Sync all changed" above the services list (admins of a company). */
export function BulkSyncBar({ selectedCount, onSyncSelected, onSyncAllChanged }: { selectedCount: number; onSyncSelected: () => void; onSyncAllChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="bulk-bar">
      <span className="muted" aria-live="polite">
        {t("bulkSync.selectedCount", { count: selectedCount })}
      </span>
      <button type="button" className="button button--secondary" disabled={selectedCount === 0} onClick={onSyncSelected}>
        {t("bulkSync.syncSelected")}
      </button>
      <button type="button" className="button button--secondary" onClick={onSyncAllChanged}>
        {t("bulkSync.syncAllChanged")}
      </button>
    </div>
  );
}
