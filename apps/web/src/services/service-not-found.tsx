import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../ui/page-state";

export function ServiceNotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <title>{`${t("service.notFound.title")} · ${t("app.name")}`}</title>
      <EmptyState
        title={t("service.notFound.title")}
        action={
          <Link className="button button--secondary" to="/services">
            {t("service.backToList")}
          </Link>
        }
      >
        {t("service.notFound.body")}
      </EmptyState>
    </div>
  );
}
