import { useTranslation } from "react-i18next";

interface BulkSyncBarProps {
  selectedCount: number;
  /** Every row of the page is selected and more services match the filter: offer to select them all. */
  matchingTotal: number | null;
  /** The selection is every service matching the filter, across pages. */
  allMatching: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  onSyncSelected: () => void;
  onSyncAllChanged: () => void;
}

/** "Sync selected" and "Sync all changed" above the services list (admins of a company). */
export function BulkSyncBar(props: BulkSyncBarProps) {
  const { t } = useTranslation();
  return (
    <div className="bulk-bar">
      <span className="muted" aria-live="polite">
        {props.allMatching ? t("bulkSync.allMatchingSelected", { count: props.selectedCount }) : t("bulkSync.selectedCount", { count: props.selectedCount })}
      </span>
      {props.matchingTotal !== null && !props.allMatching && (
        <button type="button" className="button button--ghost" onClick={props.onSelectAllMatching}>
          {t("bulkSync.selectAllMatching", { count: props.matchingTotal })}
        </button>
      )}
      {props.selectedCount > 0 && (
        <button type="button" className="button button--ghost" onClick={props.onClear}>
          {t("bulkSync.clearSelection")}
        </button>
      )}
      <button type="button" className="button button--secondary" disabled={props.selectedCount === 0} onClick={props.onSyncSelected}>
        {t("bulkSync.syncSelected")}
      </button>
      <button type="button" className="button button--secondary" onClick={props.onSyncAllChanged}>
        {t("bulkSync.syncAllChanged")}
      </button>
    </div>
  );
}
