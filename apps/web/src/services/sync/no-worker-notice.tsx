import { useTranslation } from "react-i18next";
import { trpc } from "../../trpc";
import { shouldWarnNoWorker, WORKER_STATUS_POLL_MS } from "./worker-status";

/** Says that syncs wait in the queue while no worker runs (otherwise they would look stuck on "Sync pending"). */
export function NoWorkerNotice() {
  const { t } = useTranslation();
  const status = trpc.system.status.useQuery(undefined, { refetchInterval: WORKER_STATUS_POLL_MS });
  if (!shouldWarnNoWorker(status.data)) return null;
  return (
    <div className="alert alert--warning no-worker-notice" role="status">
      {t("sync.noWorker")}
    </div>
  );
}
