import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { apiMessageOf } from "../lib/api-error";
import { trpc } from "../trpc";

/**
 * Auto-sync (off by default): a saved change to a field sent to Cal.com syncs the service by itself. A
 * checkbox and Save, like the other settings, so that a stray click does not start pushing to Cal.com.
 */
export function AutoSyncSection() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const current = trpc.company.autoSync.get.useQuery();
  const save = trpc.company.autoSync.set.useMutation();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const hintId = useId();
  useEffect(() => {
    if (current.data) setEnabled(current.data.enabled);
  }, [current.data]);

  const submit = async () => {
    if (enabled === null) return;
    try {
      const result = await save.mutateAsync({ enabled });
      utils.company.autoSync.get.setData(undefined, result);
      toast.success(t(result.enabled ? "settings.autoSync.savedOn" : "settings.autoSync.savedOff"));
    } catch (error) {
      toast.error(t("settings.autoSync.saveFailed"), { description: apiMessageOf(error) });
    }
  };

  return (
    <section className="card settings-card" aria-labelledby="auto-sync-title">
      <div className="card__header">
        <h2 className="card__title" id="auto-sync-title">
          {t("settings.autoSync.title")}
        </h2>
      </div>
      <p className="settings-card__intro">{t("settings.autoSync.intro")}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="choice-list choice-list--neutral">
          <label className="choice-list__option">
            <input
              type="checkbox"
              checked={enabled ?? false}
              disabled={!current.data || save.isPending}
              aria-describedby={hintId}
              onChange={(event) => setEnabled(event.target.checked)}
            />
            <span>
              <span className="choice-list__label">{t("settings.autoSync.label")}</span>
              <span className="choice-list__hint" id={hintId}>
                {t("settings.autoSync.hint")}
              </span>
            </span>
          </label>
        </div>
        <div className="settings-card__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={enabled === null || enabled === current.data?.enabled || save.isPending}
            aria-busy={save.isPending}
          >
            {save.isPending ? t("settings.autoSync.saving") : t("settings.autoSync.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
