import type { UnappliedFieldDetail } from "@askpro/domain";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useCanEdit } from "../auth/me-context";
import { safeHttpUrl } from "../lib/safe-url";
import type { ServiceDto } from "../trpc";
import { StatusBadge } from "../ui/status-badge";
import { Timestamp } from "../ui/timestamp";
import { TakeCalcomValuesButton } from "./calcom-values/take-calcom-values";
import { isBeingDeleted } from "./delete/deletion-notice";
import { CreateInCalcomButton } from "./create/create-in-calcom-button";
import { SlugTakenOffer } from "./create/slug-taken-offer";
import { CalcomLinkActions } from "./link/calcom-link-actions";
import { ChangedSinceSyncBadge } from "./sync/changed-since-sync-badge";
import { DriftBadge } from "./drift/drift-badge";
import { DriftNotice } from "./drift/drift-notice";
import { NoWorkerNotice } from "./sync/no-worker-notice";
import { SyncButton } from "./sync/sync-button";
import { reasonValueText, sentFieldLabel, syncReasonText } from "./sync/sync-reason-text";

function EventTypeLink({ id, url }: { id: number; url: string | null }) {
  const { t } = useTranslation();
  const href = safeHttpUrl(url);
  if (!href) return <span className="mono">{id}</span>;
  return (
    <a className="external-link mono" href={href} target="_blank" rel="noopener noreferrer" aria-label={t("service.calcom.openInCalcom", { id })}>
      {id}
      <svg aria-hidden="true" viewBox="0 0 20 20" className="external-link__icon">
        <path fill="currentColor" d="M11 3h6v6h-2V6.4l-6.3 6.3-1.4-1.4L13.6 5H11V3ZM4 5h5v2H5v8h8v-4h2v6H3V5h1Z" />
      </svg>
    </a>
  );
}

/** The fields of a sync Cal.com answered 200 to but did not apply, with both values, in the reader's language. */
function UnappliedFields({ fields }: { fields: readonly UnappliedFieldDetail[] }) {
  const { t } = useTranslation();
  const labelId = useId();
  if (fields.length === 0) return null;
  return (
    <>
      <p id={labelId}>{t("service.calcom.notApplied")}:</p>
      <ul aria-labelledby={labelId}>
        {fields.map(({ field, sent, calcom }) => (
          <li key={field}>
            {t("syncReason.unappliedField", { label: sentFieldLabel(field, t), sent: reasonValueText(sent, t), calcom: reasonValueText(calcom, t) })}{" "}
            <span className="mono">({field})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** The last sync's failure: the unapplied fields as a list, any other reason as a sentence. */
function SyncFailure({ service }: { service: ServiceDto }) {
  const { t } = useTranslation();
  const reason = service.syncReason;
  return (
    <div className="alert alert--error calcom-panel__error">
      <p className="alert__title">{t("service.calcom.lastError")}</p>
      {reason?.code === "unapplied_fields" ? (
        <UnappliedFields fields={reason.fields} />
      ) : (
        <p className="prewrap">{syncReasonText(reason, service.syncError, t)}</p>
      )}
    </div>
  );
}

/** Everything about the service's link to Cal.com, and (for admins) the sync action. */
export function CalcomPanel({ service }: { service: ServiceDto }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const reasonId = useId();
  return (
    <section className="card calcom-panel" aria-labelledby="calcom-title">
      <div className="card__header">
        <h2 className="card__title" id="calcom-title">
          {t("service.calcom.title")}
        </h2>
        {canEdit && !isBeingDeleted(service.syncStatus) && (
          <div className="calcom-panel__actions">
            <CalcomLinkActions service={service} />
            {service.calcomEventTypeId === null && <CreateInCalcomButton service={service} />}
            {service.calcomEventTypeId !== null && <TakeCalcomValuesButton service={service} />}
            <SyncButton service={service} reasonId={reasonId} />
          </div>
        )}
      </div>
      <NoWorkerNotice />
      {canEdit && service.calcomEventTypeId === null && (
        <p className="calcom-panel__reason" id={reasonId}>
          {t("sync.noEventType")}
        </p>
      )}
      <dl className="facts facts--stacked">
        <div className="facts__row">
          <dt>{t("service.calcom.eventType")}</dt>
          <dd>
            {service.calcomEventTypeId === null ? (
              <span className="muted">{t("services.notLinked")}</span>
            ) : (
              <EventTypeLink id={service.calcomEventTypeId} url={service.calcomEventTypeUrl} />
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("service.calcom.status")}</dt>
          <dd>
            <span className="badges">
              <StatusBadge status={service.syncStatus} />
              <ChangedSinceSyncBadge changed={service.changedSinceSync} />
              <DriftBadge drift={service.drift} />
            </span>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("service.calcom.lastSynced")}</dt>
          <dd>{service.lastSyncedAt ? <Timestamp iso={service.lastSyncedAt} withAbsolute /> : <span className="muted">{t("service.calcom.never")}</span>}</dd>
        </div>
        <div className="facts__row">
          <dt>{t("service.calcom.lastAttempt")}</dt>
          <dd>
            {service.lastSyncAttemptAt ? (
              <Timestamp iso={service.lastSyncAttemptAt} withAbsolute />
            ) : (
              <span className="muted">{t("service.calcom.never")}</span>
            )}
          </dd>
        </div>
      </dl>
      <DriftNotice service={service} />
      {service.syncError && <SyncFailure service={service} />}
      {canEdit && <SlugTakenOffer service={service} />}
      {!canEdit && service.calcomEventTypeId === null && <p className="calcom-panel__note">{t("service.calcom.notLinked")}</p>}
    </section>
  );
}
