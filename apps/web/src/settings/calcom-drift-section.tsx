import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { apiMessageOf } from "../lib/api-error";
import { trpc } from "../trpc";
import { Timestamp } from "../ui/timestamp";

/** While a check is under way the status is asked for this often; a check is one Cal.com request. */
const POLL_WHILE_RUNNING_MS = 1_000;

/**
 * "Check Cal.com now": queues the company's drift check (the one the schedule runs; never two at once)
 * and follows it until it ends, then refreshes the services so their badges show what it found.
 */
export function CalcomDriftSection() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const status = trpc.company.calcomDrift.status.useQuery(undefined, {
    refetchInterval: (query) => (query.state.data?.running ? POLL_WHILE_RUNNING_MS : false),
  });
  const check = trpc.company.calcomDrift.check.useMutation();
  const running = status.data?.running ?? false;
  const wasRunning = useRef(false);

  useEffect(() => {
    if (wasRunning.current && !running) {
      void utils.service.invalidate();
      toast.success(t("drift.settings.done"));
    }
    wasRunning.current = running;
  }, [running, utils, t]);

  const start = async () => {
    try {
      const result = await check.mutateAsync({});
      toast.info(t(result.outcome === "queued" ? "drift.settings.queued" : "drift.settings.alreadyRunning"));
      await utils.company.calcomDrift.status.invalidate();
    } catch (error) {
      toast.error(t("drift.settings.failed"), { description: apiMessageOf(error) });
    }
  };

  return (
    <section className="card settings-card" aria-labelledby="calcom-drift-title">
      <div className="card__header">
        <h2 className="card__title" id="calcom-drift-title">
          {t("drift.settings.title")}
        </h2>
      </div>
      <p className="settings-card__intro">{t("drift.settings.intro")}</p>
      <p className="settings-card__intro" aria-live="polite">
        {running ? (
          t("drift.settings.checking")
        ) : status.data?.lastCheckedAt ? (
          <>
            {t("drift.settings.lastChecked")} <Timestamp iso={status.data.lastCheckedAt} withAbsolute />
          </>
        ) : (
          t("drift.settings.never")
        )}
      </p>
      <div className="settings-card__actions">
        <button type="button" className="button" onClick={() => void start()} disabled={check.isPending || running} aria-busy={check.isPending || running}>
          {t("drift.settings.button")}
        </button>
      </div>
    </section>
  );
}
