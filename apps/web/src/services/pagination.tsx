import { useTranslation } from "react-i18next";
import { pageWindow } from "../lib/list-params";

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  itemsOnPage: number;
  onPageChange: (page: number) => void;
}

export function Pagination({ page, pageSize, total, itemsOnPage, onPageChange }: PaginationProps) {
  const { t } = useTranslation();
  const { from, to, pageCount } = pageWindow(page, pageSize, total, itemsOnPage);
  return (
    <nav className="pagination" aria-label={t("services.pagination")}>
      <p className="pagination__summary">{t("services.showing", { from, to, total })}</p>
      {pageCount > 1 && (
        <div className="pagination__controls">
          <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
            {t("services.previous")}
          </button>
          <span className="pagination__page" aria-current="page">
            {t("services.page", { page, pageCount })}
          </span>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={page >= pageCount}
            onClick={() => onPageChange(page + 1)}
          >
            {t("services.next")}
          </button>
        </div>
      )}
    </nav>
  );
}
