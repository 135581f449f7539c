import { CALCOM_ASSIGNMENTS, type CalcomAssignment } from "@askpro/domain";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { apiMessageOf } from "../lib/api-error";
import { trpc } from "../trpc";

/**
 * How team event types made by "Create in Cal.com" give bookings to the team's members: the company's
 * default (round robin or collective, every member a host), which a service's form may override.
 */
export function CalcomAssignmentSection() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const current = trpc.company.calcomAssignment.get.useQuery();
  const save = trpc.company.calcomAssignment.set.useMutation();
  const [choice, setChoice] = useState<CalcomAssignment | null>(null);
  const name = useId();
  const legendId = useId();
  useEffect(() => {
    if (current.data) setChoice(current.data.assignment);
  }, [current.data]);

  const saved = current.data?.assignment;
  const submit = async () => {
    if (!choice) return;
    try {
      const result = await save.mutateAsync({ assignment: choice });
      utils.company.calcomAssignment.get.setData(undefined, result);
      toast.success(t("settings.assignment.saved"), { description: t(`assignment.${result.assignment}`) });
    } catch (error) {
      toast.error(t("settings.assignment.saveFailed"), { description: apiMessageOf(error) });
    }
  };

  return (
    <section className="card settings-card" aria-labelledby="calcom-assignment-title">
      <div className="card__header">
        <h2 className="card__title" id="calcom-assignment-title">
          {t("settings.assignment.title")}
        </h2>
      </div>
      <p className="settings-card__intro">{t("settings.assignment.intro")}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="choice-list choice-list--neutral" aria-labelledby={legendId} disabled={!current.data || save.isPending}>
          <legend id={legendId} className="choice-list__legend">
            {t("settings.assignment.legend")}
          </legend>
          {CALCOM_ASSIGNMENTS.map((assignment) => (
            <label key={assignment} className="choice-list__option">
              <input type="radio" name={name} value={assignment} checked={choice === assignment} onChange={() => setChoice(assignment)} />
              <span>
                <span className="choice-list__label">{t(`assignment.${assignment}`)}</span>
                <span className="choice-list__hint">{t(`assignment.${assignment}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="settings-card__actions">
          <button type="submit" className="button button--primary" disabled={!choice || choice === saved || save.isPending} aria-busy={save.isPending}>
            {save.isPending ? t("settings.assignment.saving") : t("settings.assignment.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
