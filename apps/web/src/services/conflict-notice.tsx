import type { ServiceInput } from "@askpro/domain";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../lib/use-formatters";
import { differingFields, type ServiceField } from "./service-values";

export type ConflictState =
  | { status: "loading" }
  | { status: "loaded"; saved: ServiceInput; version: number }
  | { status: "deleted" }
  | { status: "failed" };

interface ConflictNoticeProps {
  state: ConflictState;
  current: ServiceInput;
  onKeepMine: () => void;
  onLoadSaved: () => void;
  onRetry: () => void;
}

function useFieldValue() {
  const { t } = useTranslation();
  const format = useFormatters();
  return (field: ServiceField, values: ServiceInput): string => {
    const value = values[field];
    if (value === null || value === "") return t("form.conflict.empty");
    if (typeof value === "boolean") return value ? t("service.yes") : t("service.no");
    if (field === "priceCents") return Number.isFinite(values.priceCents) ? format.price(values.priceCents, values.currency) : "–";
    if (typeof value === "number" && field.endsWith("Minutes")) return Number.isFinite(value) ? format.minutes(value) : "–";
    return String(value);
  };
}

function fieldLabelKey(field: ServiceField) {
  return field === "priceCents" ? "service.fields.price" : (`service.fields.${field}` as const);
}

/**
 * Shown when someone else saved first. The person's edits stay in the form; they pick, knowingly,
 * whether to keep them (and overwrite on the next save) or to load the saved version.
 */
export function ConflictNotice({ state, current, onKeepMine, onLoadSaved, onRetry }: ConflictNoticeProps) {
  const { t } = useTranslation();
  const displayValue = useFieldValue();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const differences = state.status === "loaded" ? differingFields(state.saved, current) : [];
  return (
    <section className="alert alert--warning conflict" role="alert" aria-labelledby="conflict-title">
      <h2 className="conflict__title" id="conflict-title" ref={heading} tabIndex={-1}>
        {state.status === "deleted" ? t("service.notFound.title") : t("form.conflict.title")}
      </h2>
      {state.status === "deleted" ? (
        <p>{t("form.conflict.deleted")}</p>
      ) : (
        <p>{t("form.conflict.body")}</p>
      )}
      {state.status === "loading" && <p className="muted">{t("form.conflict.loading")}</p>}
      {state.status === "failed" && (
        <p>
          {t("form.conflict.loadFailed")}{" "}
          <button type="button" className="button button--secondary button--small" onClick={onRetry}>
            {t("app.retry")}
          </button>
        </p>
      )}
      {state.status === "loaded" &&
        (differences.length === 0 ? (
          <p>{t("form.conflict.same")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--compact">
              <caption className="visually-hidden">{t("form.conflict.compareCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("form.conflict.field")}</th>
                  <th scope="col">{t("form.conflict.saved")}</th>
                  <th scope="col">{t("form.conflict.yours")}</th>
                </tr>
              </thead>
              <tbody>
                {differences.map((field) => (
                  <tr key={field}>
                    <th scope="row">{t(fieldLabelKey(field))}</th>
                    <td className="conflict__value">{displayValue(field, state.saved)}</td>
                    <td className="conflict__value">{displayValue(field, current)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {state.status === "loaded" && (
        <div className="conflict__actions">
          <div>
            <button type="button" className="button button--primary" onClick={onKeepMine} aria-describedby="keep-mine-hint">
              {t("form.conflict.keepMine")}
            </button>
            <p className="field__hint" id="keep-mine-hint">
              {t("form.conflict.keepMineHint")}
            </p>
          </div>
          <button type="button" className="button button--secondary" onClick={onLoadSaved}>
            {t("form.conflict.loadTheirs")}
          </button>
        </div>
      )}
    </section>
  );
}
