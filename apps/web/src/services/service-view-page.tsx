import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useCanEdit } from "../auth/me-context";
import { classifyApiError } from "../lib/api-error";
import { trpc } from "../trpc";
import { Loading, QueryFailed } from "../ui/page-state";
import { CalcomPanel } from "./calcom-panel";
import { DeleteServiceButton } from "./delete/delete-service-button";
import { DELETING_POLL_MS, DeletionNotice, isBeingDeleted, useDeletionOutcome } from "./delete/deletion-notice";
import { EditHistory } from "./edit-history/edit-history";
import { ServiceDetails } from "./service-details";
import { ServiceNotFound } from "./service-not-found";
import { servicePollInterval } from "./sync/live-status";
import { SyncHistory } from "./sync/sync-history";
import { useSyncOutcomeToasts } from "./sync/use-sync-outcome-toasts";

export function ServiceViewPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const canEdit = useCanEdit();
  const query = trpc.service.byId.useQuery(
    { id },
    { refetchInterval: (q) => (q.state.data?.syncStatus === "deleting" ? DELETING_POLL_MS : servicePollInterval(q.state.data)) },
  );
  useSyncOutcomeToasts(query.data);
  useDeletionOutcome(id, query);

  if (query.isPending) return <Loading />;
  if (query.isError) {
    const kind = classifyApiError(query.error);
    return kind === "not_found" ? <ServiceNotFound /> : <QueryFailed forbidden={kind === "forbidden"} onRetry={() => void query.refetch()} />;
  }
  const service = query.data;

  return (
    <div className="page">
      <title>{`${service.name} · ${t("app.name")}`}</title>
      <Link className="back-link" to="/services">
        <span aria-hidden="true">←</span> {t("service.backToList")}
      </Link>
      <div className="page-header">
        <div className="page-header__text">
          <h1 className="page-title">{service.name}</h1>
          <p className="page-subtitle">
            <span className="mono">{service.slug}</span>
            <span className={`chip ${service.isActive ? "chip--success" : "chip--muted"}`}>
              {service.isActive ? t("service.active") : t("service.inactive")}
            </span>
          </p>
        </div>
        {canEdit && !isBeingDeleted(service.syncStatus) && (
          <div className="page-actions">
            <Link className="button button--secondary" to={`/services/${service.id}/edit`}>
              {t("service.edit")}
            </Link>
            <DeleteServiceButton service={service} />
          </div>
        )}
      </div>

      <DeletionNotice service={service} />

      {/* Grid areas: details | calcom, then a full-width "history" row for the sync attempts. */}
      <div className="service-layout">
        <section className="card service-layout__details" aria-labelledby="details-title">
          <div className="card__header">
            <h2 className="card__title" id="details-title">
              {t("service.details")}
            </h2>
          </div>
          <ServiceDetails service={service} />
        </section>
        <div className="service-layout__calcom">
          <CalcomPanel service={service} />
        </div>
        <div className="service-layout__history">
          <SyncHistory service={service} />
          <EditHistory service={service} />
        </div>
      </div>
    </div>
  );
}
