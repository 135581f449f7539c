import * as Dialog from "@radix-ui/react-dialog";
import type { SyncStatus } from "@askpro/domain";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { trpc } from "../../trpc";
import { DialogActions } from "../../ui/dialog-actions";
import { useFocusReturn } from "../../ui/use-focus-return";
import { apiErrorMessage } from "../link/api-error-message";

/** The services named, those matching the list's filter across pages, or every service of the company ("Sync all changed"). */
export type BulkSelection = { ids: string[] } | { filter: { search?: string | undefined; status?: SyncStatus | undefined; changed?: boolean | undefined } } | { changedOnly: true };

interface BulkSyncDialogProps {
  selection: BulkSelection;
  onOpenChange: (open: boolean) => void;
  /** The run started (null: every service was skipped on the server, nothing was sent). */
  onStarted: (runId: string | null) => void;
}

/** "Sync N services with Cal.com": what will be sent, what is skipped and why, and how long it takes. */
export function BulkSyncDialog({ selection, onOpenChange, onStarted }: BulkSyncDialogProps) {
  const { t } = useTranslation();
  const focusReturn = useFocusReturn();
  const utils = trpc.useUtils();
  const preview = trpc.service.bulkSyncPreview.useQuery(selection, { refetchOnWindowFocus: false });
  const start = trpc.service.bulkSync.useMutation({
    onSuccess: async (answer) => {
      onStarted(answer.runId);
      onOpenChange(false);
      toast.success(t("bulkSync.started", { count: answer.requested }));
      await Promise.all([utils.service.list.invalidate(), utils.service.bulkSyncProgress.invalidate()]);
    },
    onError: (error) => toast.error(t("bulkSync.failed"), { description: apiErrorMessage(error, t) }),
  });
  const send = preview.data?.send ?? 0;
  const skipped = preview.data?.skipped;
  const skippedTotal = skipped ? skipped.not_linked + skipped.already_pending + skipped.in_step + skipped.being_deleted : 0;

  return (
    <Dialog.Root open onOpenChange={(next) => !start.isPending && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className="dialog bulk-dialog" {...focusReturn}>
          <Dialog.Title className="dialog__title">{t("bulkSync.title", { count: send })}</Dialog.Title>
          {preview.isPending ? (
            <div className="sync-dialog__loading" role="status">
              <span className="spinner" aria-hidden="true" />
              <span>{t("bulkSync.loading")}</span>
            </div>
          ) : preview.isError ? (
            <div className="alert alert--warning" role="alert">
              {apiErrorMessage(preview.error, t)}
            </div>
          ) : (
            <Dialog.Description asChild>
              <div className="dialog__body bulk-dialog__body">
                <p>{t("bulkSync.willSend", { count: send })}</p>
                {skippedTotal > 0 && skipped && (
                  <>
                    <p>{t("bulkSync.skipped", { count: skippedTotal })}</p>
                    <ul className="bulk-dialog__reasons">
                      {(["in_step", "already_pending", "not_linked", "being_deleted"] as const)
                        .filter((reason) => skipped[reason] > 0)
                        .map((reason) => (
                          <li key={reason}>{t(`bulkSync.reason.${reason}`, { count: skipped[reason] })}</li>
                        ))}
                    </ul>
                  </>
                )}
                {send > 0 && (
                  <p className="muted">
                    {t("bulkSync.estimate", {
                      duration: formatSeconds(preview.data.estimatedSeconds, t),
                      limit: preview.data.rate.limit,
                      window: formatSeconds(Math.round(preview.data.rate.windowMs / 1000), t),
                    })}
                  </p>
                )}
              </div>
            </Dialog.Description>
          )}
          <DialogActions
            cancelLabel={t("bulkSync.cancel")}
            confirmLabel={t("bulkSync.confirm")}
            pendingLabel={t("bulkSync.starting")}
            pending={start.isPending}
            disabled={send === 0 || !preview.data}
            onConfirm={() => start.mutate(selection)}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** "45 s", "3 min", "1 h 5 min". */
export function formatSeconds(seconds: number, t: TFunction): string {
  if (seconds < 60) return t("bulkSync.seconds", { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return t("bulkSync.minutes", { count: minutes });
  return t("bulkSync.hours", { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}
