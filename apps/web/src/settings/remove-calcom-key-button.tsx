import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { trpc } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { showSettingsError } from "./settings-error";

interface RemoveCalcomKeyButtonProps {
  companyName: string;
  /** Focus after the removal, which takes this button (and the dialog) off the page. */
  onRemoved: () => void;
}

/** Deletes the company's own key after a confirmation; syncs fall back to the gateway's global key. */
export function RemoveCalcomKeyButton({ companyName, onRemoved }: RemoveCalcomKeyButtonProps) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const clear = trpc.company.calcomKey.clear.useMutation();

  const confirm = async () => {
    try {
      const status = await clear.mutateAsync();
      // No setOpen(false): the new status unmounts this button with its dialog, which then calls onRemoved.
      utils.company.calcomKey.get.setData(undefined, status);
      toast.success(t("settings.calcomKey.removed"), {
        description: t(status.source === "global" ? "settings.calcomKey.removedGlobal" : "settings.calcomKey.removedNone"),
      });
    } catch (error) {
      showSettingsError(error, t, "settings.calcomKey.removeFailed");
    }
  };

  return (
    <>
      <button type="button" className="button button--danger-outline" onClick={() => setOpen(true)}>
        {t("settings.calcomKey.remove")}
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("settings.calcomKey.removeDialog.title")}
        description={t("settings.calcomKey.removeDialog.body", { company: companyName })}
        cancelLabel={t("settings.calcomKey.removeDialog.cancel")}
        confirmLabel={t("settings.calcomKey.removeDialog.confirm")}
        pendingLabel={t("settings.calcomKey.removeDialog.removing")}
        pending={clear.isPending}
        tone="danger"
        onFocusLost={onRemoved}
        onConfirm={() => void confirm()}
      />
    </>
  );
}
