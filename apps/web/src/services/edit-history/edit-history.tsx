import type { AppRouter } from "@askpro/api";
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../lib/use-formatters";
import { type ServiceDto, trpc } from "../../trpc";
import { Timestamp } from "../../ui/timestamp";
import { editedFieldKey, formatEditedValue } from "./edit-values";

type ServiceEdit = inferRouterOutputs<AppRouter>["service"]["editHistory"][number];

const EDIT_LIMIT = 20;

/** The fields the history can name, with their labels (the details' own). */
const FIELD_LABELS = {
  name: "service.fields.name",
  slug: "service.fields.slug",
  description: "service.fields.description",
  durationMinutes: "service.fields.durationMinutes",
  bufferBeforeMinutes: "service.fields.bufferBeforeMinutes",
  bufferAfterMinutes: "service.fields.bufferAfterMinutes",
  minimumBookingNoticeMinutes: "service.fields.minimumBookingNoticeMinutes",
  price: "service.fields.price",
  currency: "service.fields.currency",
  isActive: "service.fields.isActive",
  requiresConfirmation: "service.fields.requiresConfirmation",
  disableGuests: "service.fields.disableGuests",
  calcomEventTypeId: "service.fields.calcomEventTypeId",
} as const;

/**
 * Who changed which field of the service from what to what, newest first: beside the sync history, so
 * "what changed before that sync" has an answer. Refreshed whenever the service's version moves on.
 */
export function EditHistory({ service }: { service: Pick<ServiceDto, "id" | "version" | "currency"> }) {
  const { t } = useTranslation();
  const edits = trpc.service.editHistory.useQuery({ id: service.id, limit: EDIT_LIMIT });
  const refetch = edits.refetch;
  // A new version (an edit here, or a colleague's seen by the page's polling) has a new history row.
  const shownVersion = useRef(service.version);
  useEffect(() => {
    if (shownVersion.current === service.version) return;
    shownVersion.current = service.version;
    void refetch();
  }, [service.version, refetch]);

  return (
    <section className="card edit-history" aria-labelledby="edit-history-title">
      <div className="card__header">
        <h2 className="card__title" id="edit-history-title">
          {t("editHistory.title")}
        </h2>
      </div>
      {edits.isPending ? (
        <p className="sync-history__note" role="status">
          <span className="spinner spinner--small" aria-hidden="true" /> {t("app.loading")}
        </p>
      ) : edits.isError ? (
        <div className="sync-history__note" role="alert">
          {t("editHistory.loadFailed")}{" "}
          <button type="button" className="button button--secondary button--small" onClick={() => void refetch()}>
            {t("app.retry")}
          </button>
        </div>
      ) : edits.data.length === 0 ? (
        <p className="sync-history__note muted">{t("editHistory.empty")}</p>
      ) : (
        <>
          <ol className="edit-history__list">
            {edits.data.map((edit) => (
              <EditItem key={edit.id} edit={edit} currency={service.currency} />
            ))}
          </ol>
          {edits.data.length === EDIT_LIMIT && <p className="sync-history__note muted">{t("editHistory.latest", { count: EDIT_LIMIT })}</p>}
        </>
      )}
    </section>
  );
}

function EditItem({ edit, currency }: { edit: ServiceEdit; currency: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const texts = {
    minutes: format.minutes,
    price: (cents: number) => format.price(cents, currency),
    yes: t("service.yes"),
    no: t("service.no"),
    guestsAllowed: t("service.guestsAllowed"),
    guestsDisabled: t("service.guestsDisabled"),
    empty: t("editHistory.emptyValue"),
  };
  const label = (field: string) => {
    const key = editedFieldKey(field);
    return key in FIELD_LABELS ? t(FIELD_LABELS[key as keyof typeof FIELD_LABELS]) : field;
  };
  return (
    <li className="edit-history__item">
      <div className="edit-history__head">
        <Timestamp iso={edit.editedAt} withAbsolute />
        <span className="edit-history__who">{t(`editHistory.kinds.${edit.kind}`, { email: edit.editedBy?.email ?? t("editHistory.deletedUser") })}</span>
      </div>
      {edit.kind === "create" ? null : (
        <table className="table edit-history__changes">
          <caption className="visually-hidden">{t("editHistory.changesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("editHistory.field")}</th>
              <th scope="col">{t("editHistory.from")}</th>
              <th scope="col">{t("editHistory.to")}</th>
            </tr>
          </thead>
          <tbody>
            {edit.changes.map((change) => (
              <tr key={change.field}>
                <th scope="row">{label(change.field)}</th>
                <td className="prewrap">{formatEditedValue(change.field, change.from, texts)}</td>
                <td className="prewrap">{formatEditedValue(change.field, change.to, texts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
