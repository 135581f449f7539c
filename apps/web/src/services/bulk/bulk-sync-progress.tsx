import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { trpc } from "../../trpc";
import { apiErrorMessage } from "../link/api-error-message";
import { formatSeconds } from "./bulk-sync-dialog";

const LIVE_POLL_MS = 1_000;
const IDLE_POLL_MS = 10_000;

/**
 * The company's latest bulk sync, live for every member: "X of N synced", failures with their reasons,
 * time left, and for admins "Cancel remaining". Shown while it runs, and once finished for the run
 * started on this page (`ownRunId`).
 */
export function BulkSyncProgress({ ownRunId, canCancel }: { ownRunId: string | null; canCancel: boolean }) {
  const { t } = useTranslation();
  const progress = trpc.service.bulkSyncProgress.useQuery({}, { refetchInterval: (query) => (query.state.data?.pending ? LIVE_POLL_MS : IDLE_POLL_MS) });
  const utils = trpc.useUtils();
  const cancel = trpc.service.bulkSyncCancel.useMutation({
    onSuccess: async (answer) => {
      toast.info(t("bulkSync.cancelled", { count: answer.cancelled }));
      await Promise.all([utils.service.bulkSyncProgress.invalidate(), utils.service.list.invalidate()]);
    },
    onError: (error) => toast.error(t("bulkSync.cancelFailed"), { description: apiErrorMessage(error, t) }),
  });
  const run = progress.data;
  if (!run || (run.pending === 0 && run.runId !== ownRunId)) return null;
  const done = run.synced + run.failed + run.cancelled;
  return (
    <section className="bulk-progress" aria-label={t("bulkSync.progressLabel")}>
      <div className="bulk-progress__head">
        <p className="bulk-progress__line" role="status">
          {t("bulkSync.progress", { synced: run.synced, total: run.total })}
          {run.failed > 0 && <span className="bulk-progress__failed"> · {t("bulkSync.failedCount", { count: run.failed })}</span>}
          {run.cancelled > 0 && <span> · {t("bulkSync.cancelledCount", { count: run.cancelled })}</span>}
          {run.pending > 0 && <span className="muted"> · {t("bulkSync.timeLeft", { duration: formatSeconds(run.secondsLeft, t) })}</span>}
        </p>
        {canCancel && run.pending > 0 && (
          <button type="button" className="button button--secondary" disabled={cancel.isPending} onClick={() => cancel.mutate({ runId: run.runId })}>
            {t("bulkSync.cancelRemaining")}
          </button>
        )}
      </div>
      <progress className="bulk-progress__bar" max={Math.max(1, run.total)} value={done} aria-hidden="true" />
      {run.failures.length > 0 && (
        <ul className="bulk-progress__failures">
          {run.failures.map((failure) => (
            <li key={failure.serviceId}>
              {failure.serviceName}: {failure.error ?? t("bulkSync.failedNoReason")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
