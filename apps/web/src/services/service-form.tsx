import { CALCOM_ASSIGNMENTS, type ServiceInput } from "@askpro/domain";
import { type ReactNode, useEffect, useRef } from "react";
import { Controller, type FieldError } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { en } from "../i18n/en";
import { Field } from "../ui/field";
import { fieldErrorMessage } from "./field-message";
import { PriceInput } from "./price-input";
import { type ServiceField, slugify } from "./service-values";
import type { ServiceForm as Form } from "./use-service-form";
import { toCurrency, toNumber } from "./input-values";

const COMMON_CURRENCIES = ["EUR", "CHF", "USD", "GBP"];


interface ServiceFormProps {
  form: Form;
  /** New services get a slug suggested from their name until the slug is edited by hand. */
  suggestSlug: boolean;
  submitLabel: string;
  cancelTo: string;
  onSubmit: (values: ServiceInput) => Promise<void>;
  /** Shown above the fields, e.g. the conflict notice. */
  notice?: ReactNode;
  /** "Link event type" / "Unlink" of a saved service; a new one is linked once it exists. */
  calcomLink?: ReactNode;
}

type MinuteField = "durationMinutes" | "bufferBeforeMinutes" | "bufferAfterMinutes" | "minimumBookingNoticeMinutes";
const MINUTE_LIMITS: Record<MinuteField, [number, number]> = {
  durationMinutes: [5, 720],
  bufferBeforeMinutes: [0, 240],
  bufferAfterMinutes: [0, 240],
  minimumBookingNoticeMinutes: [0, 43_200],
};

export function ServiceForm({ form, suggestSlug, submitLabel, cancelTo, onSubmit, notice, calcomLink }: ServiceFormProps) {
  const { t } = useTranslation();
  const { register, control, formState, watch, setValue } = form;
  const { errors, isSubmitting } = formState;
  const slugEditedByHand = useRef(!suggestSlug);

  const name = watch("name");
  const currency = watch("currency");
  const linkedEventTypeId = watch("calcomEventTypeId");
  useEffect(() => {
    if (!slugEditedByHand.current) setValue("slug", slugify(name), { shouldValidate: formState.touchedFields.slug === true });
  }, [name, setValue, formState.touchedFields.slug]);

  const errorOf = (field: ServiceField) => {
    const error: FieldError | undefined = errors[field];
    return error ? fieldErrorMessage(field, error, t) : undefined;
  };
  const hint = (field: keyof typeof en.form.hints) => t(`form.hints.${field}`);
  const hasFieldErrors = Object.keys(errors).some((key) => key !== "root");

  const minutesField = (field: MinuteField) => {
    const [min, max] = MINUTE_LIMITS[field];
    return (
      <Field id={field} label={t(`service.fields.${field}`)} hint={hint(field)} error={errorOf(field)}>
        {(controlProps) => (
          <div className="input-with-suffix">
            <input
              {...controlProps}
              {...register(field, { setValueAs: toNumber })}
              type="number"
              inputMode="numeric"
              min={min}
              max={max}
              step={1}
            />
            <span className="input-with-suffix__suffix" aria-hidden="true">
              {t("form.minutes")}
            </span>
          </div>
        )}
      </Field>
    );
  };

  const checkbox = (field: "isActive" | "requiresConfirmation" | "disableGuests") => (
    <div className="checkbox">
      <input id={field} type="checkbox" aria-describedby={`${field}-hint`} {...register(field)} />
      <div>
        <label htmlFor={field} className="checkbox__label">
          {t(`form.labels.${field}`)}
        </label>
        <p className="field__hint" id={`${field}-hint`}>
          {hint(field)}
        </p>
        {errors[field] && <p className="field__error">{errorOf(field)}</p>}
      </div>
    </div>
  );

  return (
    <form className="service-form" noValidate onSubmit={form.handleSubmit(onSubmit)}>
      {notice}
      {formState.submitCount > 0 && hasFieldErrors && (
        <div className="alert alert--error" role="alert">
          {t("form.fixErrors")}
        </div>
      )}
      {errors.root?.server && (
        <div className="alert alert--error" role="alert">
          {errors.root.server.message}
        </div>
      )}

      <fieldset className="form-section">
        <legend className="form-section__title">{t("form.sections.basics")}</legend>
        <Field id="name" label={t("service.fields.name")} error={errorOf("name")}>
          {(controlProps) => <input {...controlProps} {...register("name")} type="text" autoComplete="off" maxLength={200} />}
        </Field>
        <Field id="slug" label={t("service.fields.slug")} hint={hint("slug")} error={errorOf("slug")}>
          {(controlProps) => (
            <input
              {...controlProps}
              {...register("slug", {
                onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
                  slugEditedByHand.current = event.target.value !== "";
                },
              })}
              type="text"
              className="mono"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
            />
          )}
        </Field>
        <Field id="description" label={t("service.fields.description")} error={errorOf("description")} optionalLabel={t("form.optional")}>
          {(controlProps) => <textarea {...controlProps} {...register("description")} rows={4} />}
        </Field>
      </fieldset>

      <fieldset className="form-section">
        <legend className="form-section__title">{t("form.sections.timing")}</legend>
        <div className="form-grid">
          {minutesField("durationMinutes")}
          {minutesField("minimumBookingNoticeMinutes")}
          {minutesField("bufferBeforeMinutes")}
          {minutesField("bufferAfterMinutes")}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend className="form-section__title">{t("form.sections.price")}</legend>
        <div className="form-grid">
          <Field id="priceCents" label={t("service.fields.price")} hint={hint("price")} error={errorOf("priceCents")}>
            {(controlProps) => (
              <Controller
                control={control}
                name="priceCents"
                render={({ field }) => (
                  <PriceInput
                    {...controlProps}
                    ref={field.ref}
                    name={field.name}
                    value={field.value}
                    currency={currency}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                  />
                )}
              />
            )}
          </Field>
          <Field id="currency" label={t("service.fields.currency")} hint={hint("currency")} error={errorOf("currency")}>
            {(controlProps) => (
              <>
                <input
                  {...controlProps}
                  {...register("currency", { setValueAs: toCurrency })}
                  type="text"
                  className="mono input--currency"
                  list="currency-options"
                  maxLength={3}
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                />
                <datalist id="currency-options">
                  {COMMON_CURRENCIES.map((code) => (
                    <option key={code} value={code} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend className="form-section__title">{t("form.sections.booking")}</legend>
        <div className="checkbox-list">
          {checkbox("isActive")}
          {checkbox("requiresConfirmation")}
          {checkbox("disableGuests")}
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend className="form-section__title">{t("form.sections.calcom")}</legend>
        <Field id="calcomAssignment" label={t("service.fields.calcomAssignment")} hint={hint("calcomAssignment")} error={errorOf("calcomAssignment")}>
          {(controlProps) => (
            <Controller
              control={control}
              name="calcomAssignment"
              render={({ field }) => (
                // null (the company's default) is the empty option: a select holds text only.
                <select
                  {...controlProps}
                  name={field.name}
                  ref={field.ref}
                  value={field.value ?? ""}
                  onBlur={field.onBlur}
                  onChange={(event) => field.onChange(event.target.value === "" ? null : event.target.value)}
                >
                  <option value="">{t("assignment.companyDefault")}</option>
                  {CALCOM_ASSIGNMENTS.map((assignment) => (
                    <option key={assignment} value={assignment}>
                      {t(`assignment.${assignment}`)}: {t(`assignment.${assignment}Hint`)}
                    </option>
                  ))}
                </select>
              )}
            />
          )}
        </Field>
        {/* No id is typed here: an unchecked id could be another company's. The service's page links it. */}
        <dl className="facts">
          <div className="facts__row">
            <dt>{t("service.fields.calcomEventTypeId")}</dt>
            <dd>{linkedEventTypeId === null ? <span className="muted">{t("link.formNone")}</span> : <span className="mono">{linkedEventTypeId}</span>}</dd>
          </div>
        </dl>
        {calcomLink ? <div className="calcom-panel__actions">{calcomLink}</div> : <p className="field__hint">{t("link.formNote")}</p>}
      </fieldset>

      <div className="form-actions">
        <Link className="button button--secondary" to={cancelTo}>
          {t("form.cancel")}
        </Link>
        <button type="submit" className="button button--primary" disabled={isSubmitting} aria-busy={isSubmitting}>
          {isSubmitting ? t("form.saving") : submitLabel}
        </button>
      </div>
    </form>
  );
}
