import type { SyncHistoryEntry } from "@askpro/api";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../lib/use-formatters";
import { type ServiceDto, trpc } from "../../trpc";
import { Timestamp } from "../../ui/timestamp";
import { HISTORY_STATE_TONE, historyState } from "./history-state";
import { syncReasonText } from "./sync-reason-text";
import { HISTORY_POLL_MS } from "./live-status";

const HISTORY_LIMIT = 20;

/** Every queued sync of the service, newest first, with the HTTP attempts of each on demand. */
export function SyncHistory({ service }: { service: Pick<ServiceDto, "id" | "syncStatus"> }) {
  const { t } = useTranslation();
  const history = trpc.service.history.useQuery(
    { id: service.id, limit: HISTORY_LIMIT },
    { refetchInterval: service.syncStatus === "pending" ? HISTORY_POLL_MS : false },
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section className="card sync-history" aria-labelledby="history-title">
      <div className="card__header">
        <h2 className="card__title" id="history-title">
          {t("sync.history.title")}
        </h2>
      </div>
      {history.isPending ? (
        <p className="sync-history__note" role="status">
          <span className="spinner spinner--small" aria-hidden="true" /> {t("app.loading")}
        </p>
      ) : history.isError ? (
        <div className="sync-history__note" role="alert">
          {t("sync.history.loadFailed")}{" "}
          <button type="button" className="button button--secondary button--small" onClick={() => void history.refetch()}>
            {t("app.retry")}
          </button>
        </div>
      ) : history.data.length === 0 ? (
        <p className="sync-history__note muted">{t("sync.history.empty")}</p>
      ) : (
        <>
          <HistoryTable entries={history.data} expanded={expanded} onToggle={toggle} />
          <HistoryCards entries={history.data} expanded={expanded} onToggle={toggle} />
          {history.data.length === HISTORY_LIMIT && <p className="sync-history__note muted">{t("sync.history.latest", { count: HISTORY_LIMIT })}</p>}
        </>
      )}
    </section>
  );
}

interface ListProps {
  entries: SyncHistoryEntry[];
  expanded: ReadonlySet<string>;
  onToggle: (id: string) => void;
}

function StateBadge({ entry }: { entry: SyncHistoryEntry }) {
  const { t } = useTranslation();
  const state = historyState(entry);
  return (
    <span className={`badge badge--${HISTORY_STATE_TONE[state]}`}>
      <span className="badge__dot" aria-hidden="true" />
      {/* An import made the service from its event type: nothing was sent, so no "Succeeded" sync. */}
      {entry.kind === "import"
        ? t("importDialog.historyEntry")
        : entry.kind === "hide" || entry.kind === "delete"
          ? // The event type hidden or deleted as the service is deleted: said so, with how it went.
            t(`deletion.history.${entry.kind}`, { state: t(`sync.history.states.${state}`) })
          : entry.kind === "create"
            ? t("createInCalcom.historyEntry", { state: t(`sync.history.states.${state}`) })
            : t(`sync.history.states.${state}`)}
    </span>
  );
}

function useEntryTexts() {
  const { t } = useTranslation();
  const format = useFormatters();
  const none = t("sync.history.noValue");
  return {
    by: (entry: SyncHistoryEntry) => entry.requestedBy?.email ?? t("sync.history.system"),
    duration: (entry: SyncHistoryEntry) => (entry.durationMs === null ? none : format.duration(entry.durationMs)),
    httpStatus: (status: number | null) => (status === null ? none : String(status)),
    none,
  };
}

function AttemptsToggle({ entry, open, controls, onToggle }: { entry: SyncHistoryEntry; open: boolean; controls: string; onToggle: () => void }) {
  const { t } = useTranslation();
  const count = entry.attempts.length;
  if (count === 0) return null;
  return (
    <button type="button" className="button button--ghost button--small" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      <span className={open ? "disclosure is-open" : "disclosure"} aria-hidden="true" />
      {open ? t("sync.history.hideAttempts", { count }) : t("sync.history.showAttempts", { count })}
    </button>
  );
}

function ErrorText({ entry }: { entry: SyncHistoryEntry }) {
  const { t } = useTranslation();
  const { none } = useEntryTexts();
  if (!entry.errorMessage) return <span className="muted">{none}</span>;
  return (
    <span className="sync-history__error">
      <span className="prewrap">{syncReasonText(entry.reason, entry.errorMessage, t)}</span>
      {entry.calcomErrorCode && <span className="mono muted sync-history__code">{entry.calcomErrorCode}</span>}
    </span>
  );
}

/** Desktop: one row per sync; CSS shows either this or the cards. */
function HistoryTable({ entries, expanded, onToggle }: ListProps) {
  const { t } = useTranslation();
  const text = useEntryTexts();
  return (
    <div className="table-wrap history-table">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("sync.history.requested")}</th>
            <th scope="col">{t("sync.history.requestedBy")}</th>
            <th scope="col" className="num">
              {t("sync.history.duration")}
            </th>
            <th scope="col">{t("sync.history.outcome")}</th>
            <th scope="col" className="num">
              {t("sync.history.httpStatus")}
            </th>
            <th scope="col">{t("sync.history.error")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const open = expanded.has(entry.id);
            const logId = `attempts-table-${entry.id}`;
            return (
              <Fragment key={entry.id}>
                <tr>
                  <td className="nowrap">
                    <Timestamp iso={entry.requestedAt} withAbsolute />
                  </td>
                  <td className="sync-history__by">{text.by(entry)}</td>
                  <td className="num nowrap">{text.duration(entry)}</td>
                  <td>
                    <StateBadge entry={entry} />
                  </td>
                  <td className="num">{text.httpStatus(entry.httpStatus)}</td>
                  <td>
                    <ErrorText entry={entry} />
                    <div className="sync-history__toggle">
                      <AttemptsToggle entry={entry} open={open} controls={logId} onToggle={() => onToggle(entry.id)} />
                    </div>
                  </td>
                </tr>
                {open && (
                  <tr className="sync-history__log-row" id={logId}>
                    <td colSpan={6}>
                      <AttemptLog entry={entry} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Phone: one card per sync. */
function HistoryCards({ entries, expanded, onToggle }: ListProps) {
  const { t } = useTranslation();
  const text = useEntryTexts();
  return (
    <ul className="history-cards">
      {entries.map((entry) => {
        const open = expanded.has(entry.id);
        const logId = `attempts-card-${entry.id}`;
        return (
          <li key={entry.id} className="history-card">
            <div className="history-card__head">
              <Timestamp iso={entry.requestedAt} withAbsolute />
              <StateBadge entry={entry} />
            </div>
            <dl className="history-card__facts">
              <div>
                <dt>{t("sync.history.requestedBy")}</dt>
                <dd>{text.by(entry)}</dd>
              </div>
              <div>
                <dt>{t("sync.history.duration")}</dt>
                <dd>{text.duration(entry)}</dd>
              </div>
              <div>
                <dt>{t("sync.history.httpStatus")}</dt>
                <dd>{text.httpStatus(entry.httpStatus)}</dd>
              </div>
            </dl>
            {entry.errorMessage && (
              <div className="history-card__error">
                <ErrorText entry={entry} />
              </div>
            )}
            <AttemptsToggle entry={entry} open={open} controls={logId} onToggle={() => onToggle(entry.id)} />
            {open && (
              <div id={logId}>
                <AttemptLog entry={entry} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The HTTP requests of one sync, oldest first. */
function AttemptLog({ entry }: { entry: SyncHistoryEntry }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const text = useEntryTexts();
  return (
    <ol className="attempt-log" aria-label={t("sync.history.attemptsCaption")}>
      {entry.attempts.map((attempt) => (
        // A run cut short by a dead worker and its re-run share the attempt number, not the start time.
        <li key={`${attempt.attempt}-${attempt.startedAt}`} className="attempt-log__item">
          <span className="attempt-log__number">{t("sync.history.attemptNumber", { number: attempt.attempt })}</span>
          <time dateTime={attempt.startedAt} title={format.dateTime(attempt.startedAt)}>
            {format.timeOfDay(attempt.startedAt)}
          </time>
          {attempt.durationMs === null ? (
            <span>{attempt.answer === "awaited" ? t("sync.history.answerAwaited") : t("sync.history.answerUnknown")}</span>
          ) : (
            <>
              <span>{format.duration(attempt.durationMs)}</span>
              <span>
                {t("sync.history.httpStatus")}: {text.httpStatus(attempt.httpStatus)}
              </span>
            </>
          )}
          {(attempt.errorCode || attempt.errorMessage) && (
            <span className="attempt-log__error">
              {attempt.errorCode && <span className="mono">{attempt.errorCode}</span>} {syncReasonText(attempt.reason, attempt.errorMessage, t)}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
