import type { CalcomConnectionCheck } from "@askpro/api";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../lib/use-formatters";
import { trpc } from "../trpc";

function KeyOwner({ check }: { check: CalcomConnectionCheck | undefined }) {
  const { t } = useTranslation();
  if (!check?.keyOwner) return <span className="muted">{t("calcomConnection.unknown")}</span>;
  return <span>{t("calcomConnection.keyOwnerValue", { username: check.keyOwner.username, email: check.keyOwner.email })}</span>;
}

function Team({ check }: { check: CalcomConnectionCheck }) {
  const { t } = useTranslation();
  if (check.teamId === null) return <span>{t("calcomConnection.noTeam")}</span>;
  if (check.teamEventTypeCount === null) return <span>{t("calcomConnection.teamValue", { teamId: check.teamId })}</span>;
  return <span>{t("calcomConnection.teamEventTypes", { teamId: check.teamId, count: check.teamEventTypeCount })}</span>;
}

function Result({ check }: { check: CalcomConnectionCheck }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="connection-result">
      {check.ok ? (
        <span className="key-state key-state--company">{t("calcomConnection.ok")}</span>
      ) : (
        <>
          <span className="key-state key-state--warning">{t("calcomConnection.failed")}</span>
          {check.problem && <span className="connection-result__why">{t(`calcomConnection.problem.${check.problem}`, { teamId: check.teamId })}</span>}
          {/* Cal.com's status, in English: what an operator searches for. Never the key. */}
          {check.reason && <span className="connection-result__detail mono">{check.reason}</span>}
        </>
      )}
      <span className="connection-result__detail">{t("calcomConnection.checkedAt", { time: format.relative(check.checkedAt) })}</span>
    </div>
  );
}

/**
 * The company's Cal.com connection: whose key is in use (read from Cal.com's /v2/me, never the key), the
 * team, and "Test connection". It asks Cal.com when the page opens and when the key in use changes.
 */
export function CalcomConnectionSection({ keyFingerprint }: { keyFingerprint: string }) {
  const { t } = useTranslation();
  const check = trpc.company.calcomConnection.test.useQuery(undefined, { retry: false, refetchOnWindowFocus: false, staleTime: Number.POSITIVE_INFINITY });
  const seenKey = useRef(keyFingerprint);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asks again only when another key is saved or removed
  useEffect(() => {
    if (seenKey.current === keyFingerprint) return;
    seenKey.current = keyFingerprint;
    void check.refetch();
  }, [keyFingerprint]);

  const testing = check.isFetching;

  return (
    <section className="card settings-card" aria-labelledby="calcom-connection-title">
      <div className="card__header">
        <h2 className="card__title" id="calcom-connection-title">
          {t("calcomConnection.title")}
        </h2>
      </div>
      <p className="settings-card__intro">{t("calcomConnection.intro")}</p>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t("calcomConnection.keyOwner")}</dt>
          <dd>
            <KeyOwner check={check.data} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("calcomConnection.team")}</dt>
          <dd>{check.data ? <Team check={check.data} /> : "—"}</dd>
        </div>
        <div className="facts__row">
          <dt>{t("calcomConnection.result")}</dt>
          <dd aria-live="polite">
            {testing ? (
              <span className="muted">{t("calcomConnection.checking")}</span>
            ) : check.data ? (
              <Result check={check.data} />
            ) : (
              <span className="key-state key-state--warning">{t("calcomConnection.testFailed")}</span>
            )}
          </dd>
        </div>
      </dl>
      <div className="settings-card__actions">
        <button type="button" className="button button--secondary" onClick={() => void check.refetch()} disabled={testing} aria-busy={testing}>
          {testing ? t("calcomConnection.testing") : t("calcomConnection.test")}
        </button>
      </div>
    </section>
  );
}
