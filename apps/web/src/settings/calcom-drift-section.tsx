import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { apiMessageOf } from "../lib/api-error";
import { trpc } from "../trpc";
import { Timestamp } from "../ui/timestamp";

/** While a check is under way the status is asked for this often; a check is one Cal.com request. */
const POLL_WHILE_RUNNING_MS = 1_000;
/** A check that marked nothing (Cal.com unreadable, nothing linked) leaves no new time: stop waiting after this. */
const GIVE_UP_AFTER_MS = 30_000;

/**
 * "Check Cal.com now": queues the company's drift check (the one the schedule runs; never two at once)
 * and follows it until it ends, then refreshes the services so their badges show what it found.
 */
export function CalcomDriftSection() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  /** The check this page asked for, until it ended: the last check time it started from, whether it was seen running. */
  const [awaiting, setAwaiting] = useState<{ previous: string | null; sawRunning: boolean; since: number } | null>(null);
  const status = trpc.company.calcomDrift.status.useQuery(undefined, {
    refetchInterval: (query) => (query.state.data?.running || awaiting ? POLL_WHILE_RUNNING_MS : false),
  });
  const check = trpc.company.calcomDrift.check.useMutation();
  const running = status.data?.running ?? false;
  const lastCheckedAt = status.data?.lastCheckedAt ?? null;

  // A check may end before the page first sees it running: a new last check time says it ended too.
  useEffect(() => {
    if (!awaiting || status.isFetching) return;
    if (running) {
      if (!awaiting.sawRunning) setAwaiting({ ...awaiting, sawRunning: true });
      return;
    }
    const ended = awaiting.sawRunning || lastCheckedAt !== awaiting.previous;
    if (!ended && Date.now() - awaiting.since < GIVE_UP_AFTER_MS) return;
    setAwaiting(null);
    void utils.service.invalidate();
    if (ended) toast.success(t("drift.settings.done"));
  }, [awaiting, running, lastCheckedAt, status.isFetching, utils, t]);

  const start = async () => {
    const previous = lastCheckedAt;
    try {
      const result = await check.mutateAsync({});
      toast.info(t(result.outcome === "queued" ? "drift.settings.queued" : "drift.settings.alreadyRunning"));
      setAwaiting({ previous, sawRunning: false, since: Date.now() });
      await utils.company.calcomDrift.status.invalidate();
    } catch (error) {
      toast.error(t("drift.settings.failed"), { description: apiMessageOf(error) });
    }
  };
  const busy = check.isPending || running || awaiting !== null;

  return (
    <section className="card settings-card" aria-labelledby="calcom-drift-title">
      <div className="card__header">
        <h2 className="card__title" id="calcom-drift-title">
          {t("drift.settings.title")}
        </h2>
      </div>
      <p className="settings-card__intro">{t("drift.settings.intro")}</p>
      <p className="settings-card__intro" aria-live="polite">
        {running || awaiting ? (
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
        <button type="button" className="button" onClick={() => void start()} disabled={busy} aria-busy={busy}>
          {t("drift.settings.button")}
        </button>
      </div>
    </section>
  );
}
