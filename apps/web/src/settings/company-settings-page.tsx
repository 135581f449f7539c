import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMe } from "../auth/me-context";
import { classifyApiError } from "../lib/api-error";
import { trpc } from "../trpc";
import { EmptyState, Loading, QueryFailed } from "../ui/page-state";
import { AutoSyncSection } from "./auto-sync-section";
import { CalcomAssignmentSection } from "./calcom-assignment-section";
import { CalcomConnectionSection } from "./calcom-connection-section";
import { CalcomDriftSection } from "./calcom-drift-section";
import { CalcomKeySection } from "./calcom-key-section";
import { settingsAccessOf } from "./settings-access";

export function CompanySettingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const access = settingsAccessOf(me);
  const status = trpc.company.calcomKey.get.useQuery(undefined, { enabled: access === "allowed" });

  const title = <title>{`${t("settings.title")} · ${t("app.name")}`}</title>;
  if (access !== "allowed") {
    const notice = access === "read_only" ? "readOnly" : "noCompany";
    return (
      <div className="page">
        {title}
        <EmptyState
          title={t(`settings.${notice}.title`)}
          action={
            <Link className="button button--secondary" to="/services">
              {t("service.backToList")}
            </Link>
          }
        >
          {t(`settings.${notice}.body`)}
        </EmptyState>
      </div>
    );
  }
  if (status.isPending) return <Loading />;
  if (status.isError) return <QueryFailed forbidden={classifyApiError(status.error) === "forbidden"} onRetry={() => void status.refetch()} />;

  return (
    <div className="page page--narrow settings-page">
      {title}
      <div className="page-header">
        <div>
          <h1 className="page-title">{t("settings.title")}</h1>
          <p className="page-intro">{t("settings.intro", { company: me.company?.name })}</p>
        </div>
      </div>
      <CalcomKeySection status={status.data} companyName={me.company?.name ?? ""} />
      <CalcomConnectionSection keyFingerprint={`${status.data.source}:${status.data.last4 ?? ""}`} />
      <CalcomDriftSection />
      <CalcomAssignmentSection />
      <AutoSyncSection />
    </div>
  );
}
