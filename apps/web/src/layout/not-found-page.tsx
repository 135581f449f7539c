import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../ui/page-state";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <title>{`${t("app.notFound.title")} · ${t("app.name")}`}</title>
      <EmptyState
        title={t("app.notFound.title")}
        action={
          <Link className="button button--secondary" to="/services">
            {t("app.notFound.back")}
          </Link>
        }
      >
        {t("app.notFound.body")}
      </EmptyState>
    </div>
  );
}
