import type { AppRouter } from "@askpro/api";
import * as Dialog from "@radix-ui/react-dialog";
import type { inferRouterOutputs } from "@trpc/server";
import type { TFunction } from "i18next";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { useFormatters } from "../../lib/use-formatters";
import { type ServiceDto, trpc } from "../../trpc";
import { DialogActions } from "../../ui/dialog-actions";
import { useFocusReturn } from "../../ui/use-focus-return";
import { apiErrorMessage } from "../link/api-error-message";
import { syncReasonText } from "../sync/sync-reason-text";

type CalcomValuesPreview = inferRouterOutputs<AppRouter>["service"]["calcomValues"];
type Change = CalcomValuesPreview["changes"][number];
type Formatters = ReturnType<typeof useFormatters>;

interface TakeProps {
  service: Pick<ServiceDto, "id" | "name" | "version" | "calcomEventTypeId" | "syncStatus" | "currency">;
  onChanged?: ((service: ServiceDto) => void) | undefined;
}

/** "Take Cal.com's values": for a linked service, replaces its fields with what its event type holds. */
export function TakeCalcomValuesButton({ service, onChanged }: TakeProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)} disabled={service.syncStatus === "pending"}>
        {t("takeValues.button")}
      </button>
      {open && <TakeCalcomValuesDialog service={service} onOpenChange={setOpen} onChanged={onChanged} />}
    </>
  );
}

function TakeCalcomValuesDialog({ service, onOpenChange, onChanged }: TakeProps & { onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const focusReturn = useFocusReturn();
  const utils = trpc.useUtils();
  const take = trpc.service.takeCalcomValues.useMutation();
  // Read from Cal.com each time the dialog opens: what is shown is what will be taken.
  const preview = trpc.service.calcomValues.useQuery({ id: service.id }, { staleTime: 0, gcTime: 0, retry: false });

  const confirm = async (version: number) => {
    try {
      const taken = await take.mutateAsync({ id: service.id, version });
      utils.service.byId.setData({ id: service.id }, taken.service);
      onChanged?.(taken.service);
      void utils.service.list.invalidate();
      void utils.service.history.invalidate({ id: service.id });
      toast.success(t("takeValues.done"), { description: service.name });
      onOpenChange(false);
    } catch (error) {
      toast.error(t("takeValues.failed"), { description: apiErrorMessage(error, t) });
      // Someone saved meanwhile (CONFLICT): show their version, and Cal.com's values against it.
      void utils.service.byId.invalidate({ id: service.id });
      void preview.refetch();
    }
  };

  const data = preview.data;
  const takeable = data !== undefined && data.invalid.length === 0 && data.changes.length > 0;
  return (
    <Dialog.Root open onOpenChange={(next) => !take.isPending && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className="dialog dialog--wide sync-dialog" {...focusReturn}>
          <Dialog.Title className="dialog__title">{t("takeValues.title")}</Dialog.Title>
          <div className="sync-dialog__scroll">
            {preview.isPending ? (
              <div className="sync-dialog__loading" role="status">
                <span className="spinner" aria-hidden="true" />
                <span>{t("takeValues.loading")}</span>
              </div>
            ) : preview.isError ? (
              <div className="alert alert--warning" role="alert">
                {t("takeValues.loadFailed", { reason: apiErrorMessage(preview.error, t) })}
              </div>
            ) : (
              <PreviewBody preview={preview.data} service={service} />
            )}
          </div>
          <DialogActions
            className="sync-dialog__actions"
            cancelLabel={t("takeValues.cancel")}
            confirmLabel={t("takeValues.confirm")}
            pendingLabel={t("takeValues.taking")}
            pending={take.isPending}
            disabled={!takeable}
            onConfirm={() => data && void confirm(data.version)}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function PreviewBody({ preview, service }: { preview: CalcomValuesPreview; service: TakeProps["service"] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const tableLabelId = useId();
  const calcomCurrency = (preview.changes.find((change) => change.field === "currency")?.after as string | undefined) ?? service.currency;
  if (preview.changes.length === 0) {
    return <Dialog.Description className="dialog__body">{t("takeValues.none", { name: service.name })}</Dialog.Description>;
  }
  return (
    <>
      <Dialog.Description className="dialog__body" id={tableLabelId}>
        {t("takeValues.intro", { name: service.name, id: preview.eventTypeId })}
      </Dialog.Description>
      <div className="table-wrap diff-table-wrap">
        <table className="table table--compact diff-table" aria-labelledby={tableLabelId}>
          <thead>
            <tr>
              <th scope="col">{t("takeValues.field")}</th>
              <th scope="col">{t("takeValues.here")}</th>
              <th scope="col">{t("takeValues.calcom")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map((change) => (
              <tr key={change.field} className="is-changed">
                <th scope="row">{fieldLabel(change.field, t)}</th>
                <td data-label={t("takeValues.here")}>
                  <span className="diff-table__value">{shownValue(change, change.before, service.currency, format, t)}</span>
                </td>
                <td data-label={t("takeValues.calcom")}>
                  <span className="diff-table__value">{shownValue(change, change.after, calcomCurrency, format, t)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.invalid.length > 0 && (
        <div className="alert alert--error" role="alert">
          <p>{t("takeValues.invalid")}</p>
          <ul>
            {preview.invalid.map((problem) => (
              <li key={problem.field}>
                {fieldLabel(problem.field, t)}: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!preview.inStep && preview.differsBecause && (
        <div className="alert alert--warning" role="note">
          {t("takeValues.notInStep", { reason: syncReasonText(preview.differsBecause, null, t) })}
        </div>
      )}
    </>
  );
}

function fieldLabel(field: Change["field"], t: TFunction): string {
  return t(`service.fields.${field === "priceCents" ? "price" : field}`);
}

/** A value as the view page shows it: minutes as durations, flags as yes / no, the price as money. */
function shownValue(change: Change, value: Change["before"], currency: string, format: Formatters, t: TFunction): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return t(value ? "service.yes" : "service.no");
  switch (change.field) {
    case "durationMinutes":
    case "bufferBeforeMinutes":
    case "bufferAfterMinutes":
    case "minimumBookingNoticeMinutes":
      return typeof value === "number" ? format.minutes(value) : String(value);
    case "priceCents":
      return typeof value === "number" ? format.price(value, currency) : String(value);
    case "description":
      return value === "" ? t("service.noDescription") : String(value);
    default:
      return String(value);
  }
}
