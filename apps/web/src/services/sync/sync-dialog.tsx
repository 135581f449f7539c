import type { SyncPreview } from "@askpro/api";
import * as Dialog from "@radix-ui/react-dialog";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../lib/use-formatters";
import { DialogActions } from "../../ui/dialog-actions";
import { useFocusReturn } from "../../ui/use-focus-return";
import { type ServiceDto, trpc } from "../../trpc";
import { NoWorkerNotice } from "./no-worker-notice";
import { formatPreviewValue, priceDrift, type ValueWords } from "./preview-values";

interface SyncDialogProps {
  service: Pick<ServiceDto, "id" | "name" | "calcomEventTypeId">;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  /** service.sync is running: both buttons wait, and the dialog cannot be dismissed. */
  starting: boolean;
}

/**
 * "Sync service with Cal.com": what will be sent, what Cal.com holds now, and what is never sent.
 * Radix traps focus and closes on Escape; focus goes back to the button that opened it.
 */
export function SyncDialog({ service, open, onOpenChange, onConfirm, starting }: SyncDialogProps) {
  const focusReturn = useFocusReturn();
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !starting && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        {/* Mounted only while open, so every opening reads Cal.com afresh. */}
        <SyncDialogContent service={service} onConfirm={onConfirm} starting={starting} focusReturn={focusReturn} />
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface ContentProps extends Pick<SyncDialogProps, "service" | "onConfirm" | "starting"> {
  focusReturn: ReturnType<typeof useFocusReturn>;
}

function SyncDialogContent({ service, onConfirm, starting, focusReturn }: ContentProps) {
  const { t } = useTranslation();
  const preview = trpc.service.syncPreview.useQuery({ id: service.id }, { staleTime: 0, gcTime: 0 });

  return (
    <Dialog.Content className="dialog dialog--wide sync-dialog" {...focusReturn}>
      <Dialog.Title className="dialog__title">{t("sync.dialog.title")}</Dialog.Title>
      <div className="sync-dialog__scroll">
        <Dialog.Description className="dialog__body">{t("sync.dialog.intro", { name: service.name })}</Dialog.Description>
        <NoWorkerNotice />
        {preview.isPending ? (
          <div className="sync-dialog__loading" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>{t("sync.dialog.loading")}</span>
          </div>
        ) : preview.isError ? (
          <div className="alert alert--warning" role="alert">
            {t("sync.dialog.loadFailed")}
          </div>
        ) : (
          <PreviewBody preview={preview.data} />
        )}
      </div>
      <DialogActions
        className="sync-dialog__actions"
        cancelLabel={t("sync.dialog.cancel")}
        confirmLabel={t("sync.dialog.confirm")}
        pendingLabel={t("sync.dialog.starting")}
        pending={starting}
        disabled={preview.isPending}
        onConfirm={onConfirm}
      />
    </Dialog.Content>
  );
}

function PreviewBody({ preview }: { preview: SyncPreview }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const sentTitleId = useId();
  const notSentTitleId = useId();
  const words: ValueWords = {
    locale: format.locale,
    yes: t("service.yes"),
    no: t("service.no"),
    empty: t("sync.dialog.empty"),
    notSet: t("sync.dialog.notSet"),
  };
  const readable = preview.calcom.readable;
  const price = priceDrift(preview.notSent, format.locale);

  return (
    <>
      <dl className="sync-dialog__target">
        <div>
          <dt>{t("sync.dialog.eventType")}</dt>
          <dd>{preview.eventTypeId ?? "—"}</dd>
        </div>
        <div>
          <dt>{t("sync.dialog.target")}</dt>
          <dd>{preview.target.kind === "team" ? t("sync.dialog.targetTeam", { teamId: preview.target.teamId }) : t("sync.dialog.targetUser")}</dd>
        </div>
      </dl>

      {!preview.calcom.readable && (
        <div className="alert alert--warning" role="note">
          {t("sync.dialog.unreadable", { reason: preview.calcom.reason })}
        </div>
      )}

      <section aria-labelledby={sentTitleId}>
        <h3 className="sync-dialog__heading" id={sentTitleId}>
          {t("sync.dialog.sentTitle")}
        </h3>
        <div className="table-wrap diff-table-wrap">
          <table className="table table--compact diff-table">
            <thead>
              <tr>
                <th scope="col">{t("sync.dialog.field")}</th>
                <th scope="col">{t("sync.dialog.sent")}</th>
                {readable && <th scope="col">{t("sync.dialog.current")}</th>}
                {readable && (
                  <th scope="col" className="diff-table__mark">
                    <span className="visually-hidden">{t("sync.dialog.change")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {preview.fields.map((row) => (
                <tr key={row.field} className={readable && row.changed ? "is-changed" : undefined}>
                  <th scope="row">{t(`sync.dialog.fields.${row.field}`)}</th>
                  <td data-label={t("sync.dialog.sent")}>
                    <span className="diff-table__value">{formatPreviewValue(row.field, row.sent, words)}</span>
                  </td>
                  {readable && (
                    <td data-label={t("sync.dialog.current")}>
                      <span className="diff-table__value">{formatPreviewValue(row.field, row.current, words)}</span>
                    </td>
                  )}
                  {readable && (
                    <td className="diff-table__mark">
                      {row.changed ? (
                        <span className="chip chip--warning">{t("sync.dialog.changes")}</span>
                      ) : (
                        <span className="chip chip--muted">{t("sync.dialog.unchanged")}</span>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {price && (
        <section className="not-sent" aria-labelledby={notSentTitleId}>
          <h3 className="sync-dialog__heading" id={notSentTitleId}>
            {t("sync.dialog.notSentTitle")}
          </h3>
          <p>
            <strong>{t("sync.dialog.priceLabel")}</strong>: {t("sync.dialog.priceReason")}
          </p>
          <p className="not-sent__values">
            <span>{t("sync.dialog.priceHere", { price: price.local })}</span>
            {price.inCalcom !== null && <span>{t("sync.dialog.priceInCalcom", { price: price.inCalcom })}</span>}
          </p>
          {price.differs && <p className="not-sent__drift">{t("sync.dialog.priceDiffers")}</p>}
        </section>
      )}
    </>
  );
}
