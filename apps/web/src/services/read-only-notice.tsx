import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../ui/page-state";

/** Viewers who open an edit/create address directly: a read-only note instead of a form. */
export function ReadOnlyNotice({ backTo }: { backTo: string }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <EmptyState
        title={t("form.readOnly.title")}
        action={
          <Link className="button button--secondary" to={backTo}>
            {t("service.backToList")}
          </Link>
        }
      >
        {t("form.readOnly.body")}
      </EmptyState>
    </div>
  );
}
