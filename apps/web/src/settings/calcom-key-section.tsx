import { zodResolver } from "@hookform/resolvers/zod";
import type { TFunction } from "i18next";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { apiIssuesOf, classifyApiError } from "../lib/api-error";
import { issuesByField } from "../lib/field-errors";
import { type CalcomKeyStatus, trpc } from "../trpc";
import { Field } from "../ui/field";
import { type CalcomKeyFormValues, calcomKeyFormSchema, calcomKeyRuleOf } from "./calcom-key-form";
import { calcomKeyStateOf } from "./calcom-key-state";
import { RemoveCalcomKeyButton } from "./remove-calcom-key-button";
import { showSettingsError } from "./settings-error";

const FIELD_ID = "calcom-api-key";

function KeyInUse({ status }: { status: CalcomKeyStatus }) {
  const { t } = useTranslation();
  const state = calcomKeyStateOf(status);
  switch (state.kind) {
    case "company":
      return <span className="key-state key-state--company">{t("settings.calcomKey.state.company", { last4: state.last4 })}</span>;
    case "global":
      return <span className="key-state key-state--global">{t("settings.calcomKey.state.global")}</span>;
    default:
      return <span className="key-state key-state--warning">{t(`settings.calcomKey.state.${state.kind}`)}</span>;
  }
}

function fieldErrorText(error: { type?: string; message?: string } | undefined, t: TFunction): string | undefined {
  if (!error) return undefined;
  const rule = calcomKeyRuleOf({ code: error.type, message: error.message });
  return rule ? t(`settings.calcomKey.errors.${rule}`) : error.message;
}

/** The company's Cal.com key: which one syncs use, and a write-only field to replace it. */
export function CalcomKeySection({ status, companyName }: { status: CalcomKeyStatus; companyName: string }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const form = useForm<CalcomKeyFormValues>({
    resolver: zodResolver(calcomKeyFormSchema),
    defaultValues: { apiKey: "" },
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  // gcTime 0: the mutation's variables (the key typed) leave the cache as soon as the call is over.
  const save = trpc.company.calcomKey.set.useMutation({ gcTime: 0 });

  const onSubmit = form.handleSubmit(async (values) => {
    try {
      const saved = await save.mutateAsync(values);
      utils.company.calcomKey.get.setData(undefined, saved);
      form.reset({ apiKey: "" });
      toast.success(t("settings.calcomKey.saved"), saved.last4 ? { description: t("settings.calcomKey.savedDetail", { last4: saved.last4 }) } : undefined);
    } catch (error) {
      if (classifyApiError(error) === "bad_request") {
        const { byField, unplaced } = issuesByField(apiIssuesOf(error), ["apiKey"] as const);
        if (byField.apiKey) {
          form.setError("apiKey", { type: byField.apiKey.code, message: byField.apiKey.message }, { shouldFocus: true });
        } else {
          form.setError("root.server", { message: unplaced.map((issue) => issue.message).join(" ") || t("settings.calcomKey.saveFailed") });
        }
        return;
      }
      showSettingsError(error, t, "settings.calcomKey.saveFailed");
    } finally {
      save.reset();
    }
  });

  const { errors, isSubmitting } = form.formState;
  return (
    <section className="card settings-card" aria-labelledby="calcom-key-title">
      <div className="card__header">
        <h2 className="card__title" id="calcom-key-title">
          {t("settings.calcomKey.title")}
        </h2>
      </div>
      <p className="settings-card__intro">{t("settings.calcomKey.intro")}</p>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t("settings.calcomKey.inUse")}</dt>
          <dd>
            <KeyInUse status={status} />
          </dd>
        </div>
      </dl>
      <form className="settings-card__form" noValidate onSubmit={onSubmit}>
        {errors.root?.server && (
          <div className="alert alert--error" role="alert">
            {errors.root.server.message}
          </div>
        )}
        <Field id={FIELD_ID} label={t("settings.calcomKey.newKey")} hint={t("settings.calcomKey.hint")} error={fieldErrorText(errors.apiKey, t)}>
          {(control) => (
            <input
              {...control}
              {...form.register("apiKey")}
              type="password"
              className="mono"
              autoComplete="off"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              // Password managers would offer to fill in or save a sign-in password here.
              data-1p-ignore=""
              data-lpignore="true"
            />
          )}
        </Field>
        <div className="settings-card__actions">
          {status.configured && <RemoveCalcomKeyButton companyName={companyName} onRemoved={() => form.setFocus("apiKey")} />}
          <button type="submit" className="button button--primary" disabled={isSubmitting} aria-busy={isSubmitting}>
            {isSubmitting ? t("settings.calcomKey.saving") : t("settings.calcomKey.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
