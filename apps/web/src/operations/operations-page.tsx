import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { toast } from "sonner";
import { useMe } from "../auth/me-context";
import { apiMessageOf, classifyApiError } from "../lib/api-error";
import { showSyncToast } from "../services/sync/show-sync-toast";
import { syncReasonText } from "../services/sync/sync-reason-text";
import { toastForOutcome, toastForSyncCallError } from "../services/sync/sync-toasts";
import type { AppRouter } from "@askpro/api";
import type { inferRouterOutputs } from "@trpc/server";
import { trpc } from "../trpc";
import { EmptyState, Loading, QueryFailed } from "../ui/page-state";
import { Timestamp } from "../ui/timestamp";
import { canSeeOperations } from "./operations-access";
import "./operations.css";

/** The queue moves while the page is open: read it again this often. */
const REFRESH_MS = 5_000;

type Overview = inferRouterOutputs<AppRouter>["operations"]["overview"];
type CompanyRow = Overview["companies"][number];
type Failure = Overview["failures"][number];

/**
 * Operations: per company the sync queue, the last 24 hours' failures and success rate, and
 * "Pause syncing" / "Resume syncing"; the failed services with their reasons and "Retry". An operator
 * sees every company, an admin their own (the api decides; the page shows what it is given).
 */
export function OperationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = canSeeOperations(me);
  const overview = trpc.operations.overview.useQuery(undefined, { enabled: allowed, refetchInterval: REFRESH_MS });
  const title = <title>{`${t("operations.title")} · ${t("app.name")}`}</title>;

  if (!allowed) {
    return (
      <div className="page">
        {title}
        <EmptyState title={t("operations.readOnly.title")}>{t("operations.readOnly.body")}</EmptyState>
      </div>
    );
  }
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <QueryFailed forbidden={classifyApiError(overview.error) === "forbidden"} onRetry={() => void overview.refetch()} />;
  const data = overview.data;

  return (
    <div className="page operations-page">
      {title}
      <div className="page-header">
        <div>
          <h1 className="page-title">{t("operations.title")}</h1>
          <p className="page-intro">
            {data.allCompanies ? t("operations.introAll", { hours: data.windowHours }) : t("operations.introOwn", { company: me.company?.name, hours: data.windowHours })}
          </p>
        </div>
      </div>
      <CompaniesTable rows={data.companies} />
      <FailuresTable failures={data.failures} allCompanies={data.allCompanies} hours={data.windowHours} />
    </div>
  );
}

function CompaniesTable({ rows }: { rows: CompanyRow[] }) {
  const { t } = useTranslation();
  return (
    <section className="card operations-card" aria-labelledby="operations-companies">
      <div className="card__header">
        <h2 className="card__title" id="operations-companies">
          {t("operations.companies.title")}
        </h2>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("operations.companies.company")}</th>
              <th scope="col" className="num">
                {t("operations.companies.queued")}
              </th>
              <th scope="col" className="num">
                {t("operations.companies.running")}
              </th>
              <th scope="col" className="num">
                {t("operations.companies.failed")}
              </th>
              <th scope="col" className="num">
                {t("operations.companies.successRate")}
              </th>
              <th scope="col" className="num">
                {t("operations.companies.p95")}
              </th>
              <th scope="col" className="num">
                {t("operations.companies.drift")}
              </th>
              <th scope="col">{t("operations.companies.rateBudget")}</th>
              <th scope="col">{t("operations.companies.syncing")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <CompanyRowView key={row.companyId} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CompanyRowView({ row }: { row: CompanyRow }) {
  const { t } = useTranslation();
  const format = useFormatter();
  const utils = trpc.useUtils();
  const setPause = trpc.company.syncPause.set.useMutation();
  const paused = row.syncPausedAt !== null;

  const toggle = async () => {
    try {
      await setPause.mutateAsync({ companyId: row.companyId, paused: !paused });
      toast.success(t(paused ? "operations.pause.resumed" : "operations.pause.paused", { company: row.companyName }));
    } catch (error) {
      toast.error(t("operations.pause.failed"), { description: apiMessageOf(error) });
    } finally {
      await utils.operations.overview.invalidate();
    }
  };

  return (
    <tr>
      <th scope="row">{row.companyName}</th>
      <td className="num">{row.queued}</td>
      <td className="num">{row.running}</td>
      <td className="num">{row.failed}</td>
      <td className="num">{row.successRate === null ? t("operations.companies.noSyncs") : format.percent(row.successRate)}</td>
      <td className="num">{row.clickToSyncedP95Ms === null ? "–" : t("operations.companies.seconds", { value: format.seconds(row.clickToSyncedP95Ms) })}</td>
      <td className="num">{t("operations.companies.driftCounts", { changed: row.driftChanged, missing: row.driftMissing })}</td>
      <td>
        <RateBudgetCell budget={row.rateBudget} />
      </td>
      <td>
        <div className="operations-pause">
          <span className={`operations-pause__state${paused ? " operations-pause__state--paused" : ""}`}>
            {paused ? (
              <>
                {t("operations.pause.pausedSince")} <Timestamp iso={row.syncPausedAt as string} />
              </>
            ) : (
              t("operations.pause.active")
            )}
          </span>
          <button type="button" className={`button button--small${paused ? "" : " button--secondary"}`} onClick={() => void toggle()} disabled={setPause.isPending}>
            {t(paused ? "operations.pause.resume" : "operations.pause.pause")}
          </button>
        </div>
      </td>
    </tr>
  );
}

/** The company's key's budget in its current window; a key every company without its own shares says so. */
function RateBudgetCell({ budget }: { budget: CompanyRow["rateBudget"] }) {
  const { t } = useTranslation();
  const current = budget.window;
  let text: string;
  if (!budget.hasKey) text = t("operations.companies.budgetNoKey");
  else if (current === null) text = t("operations.companies.budgetNotUsed");
  else if (current.limit === null) text = t("operations.companies.budgetUsedNoLimit", { used: current.used });
  else text = t("operations.companies.budgetUsed", { used: current.used, limit: current.limit });
  return (
    <div className="operations-budget">
      <span>{text}</span>
      {budget.sharedKey && <span className="operations-budget__shared">{t("operations.companies.sharedKey")}</span>}
    </div>
  );
}

function FailuresTable({ failures, allCompanies, hours }: { failures: Failure[]; allCompanies: boolean; hours: number }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const retryAll = trpc.operations.retryAllFailed.useMutation();

  const pressRetryAll = async () => {
    try {
      const result = await retryAll.mutateAsync({});
      toast.success(t("operations.failures.retriedAll", { count: result.queued }));
    } catch (error) {
      toast.error(t("sync.toast.notStarted"), { description: apiMessageOf(error) });
    } finally {
      await utils.operations.overview.invalidate();
    }
  };

  return (
    <section className="card operations-card" aria-labelledby="operations-failures">
      <div className="card__header">
        <h2 className="card__title" id="operations-failures">
          {t("operations.failures.title", { hours })}
        </h2>
        <button type="button" className="button button--small" onClick={() => void pressRetryAll()} disabled={failures.length === 0 || retryAll.isPending}>
          {t("operations.failures.retryAll")}
        </button>
      </div>
      {failures.length === 0 ? (
        <p className="settings-card__intro">{t("operations.failures.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("operations.failures.service")}</th>
                {allCompanies && <th scope="col">{t("operations.companies.company")}</th>}
                <th scope="col">{t("operations.failures.failedAt")}</th>
                <th scope="col">{t("operations.failures.reason")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("operations.failures.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {failures.map((failure) => (
                <FailureRow key={failure.serviceId} failure={failure} allCompanies={allCompanies} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FailureRow({ failure, allCompanies }: { failure: Failure; allCompanies: boolean }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const retry = trpc.operations.retry.useMutation();

  const pressRetry = async () => {
    try {
      showSyncToast(toastForOutcome(await retry.mutateAsync({ serviceId: failure.serviceId }), failure.serviceName), t);
    } catch (error) {
      const spec = toastForSyncCallError(classifyApiError(error), apiMessageOf(error));
      if (spec) showSyncToast(spec, t);
    } finally {
      await Promise.all([utils.operations.overview.invalidate(), utils.service.invalidate()]);
    }
  };

  return (
    <tr>
      <th scope="row">
        <Link className="table__primary-link" to={`/services/${failure.serviceId}`}>
          {failure.serviceName}
        </Link>
      </th>
      {allCompanies && <td>{failure.companyName}</td>}
      <td>
        <Timestamp iso={failure.failedAt} />
      </td>
      <td>{syncReasonText(failure.reason, failure.errorMessage, t)}</td>
      <td>
        <button type="button" className="button button--small button--secondary" onClick={() => void pressRetry()} disabled={retry.isPending}>
          {t("operations.failures.retry")}
        </button>
      </td>
    </tr>
  );
}

/** A success rate as a percentage, and milliseconds as seconds, in the reader's language. */
function useFormatter(): { percent: (rate: number) => string; seconds: (ms: number) => string } {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? "en";
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const seconds = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return { percent: (rate) => percent.format(rate), seconds: (ms) => seconds.format(ms / 1000) };
}
