import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { classifyApiError } from "../lib/api-error";
import { type ServiceDto, trpc } from "../trpc";
import { ConfirmDialog } from "../ui/confirm-dialog";

export function DeleteServiceButton({ service }: { service: Pick<ServiceDto, "id" | "name"> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const remove = trpc.service.delete.useMutation();

  const leaveDeleted = async () => {
    setOpen(false);
    await navigate("/services", { replace: true });
    void utils.service.byId.invalidate({ id: service.id });
    void utils.service.list.invalidate();
  };

  const confirm = async () => {
    try {
      await remove.mutateAsync({ id: service.id });
      toast.success(t("deleteDialog.done"));
      await leaveDeleted();
    } catch (error) {
      const kind = classifyApiError(error);
      // Someone else deleted it already: the outcome the person asked for.
      if (kind === "not_found") return leaveDeleted();
      if (kind === "unauthorized") return;
      toast.error(t(kind === "unavailable" ? "form.unavailable" : kind === "forbidden" ? "form.forbidden" : "deleteDialog.failed"));
    }
  };

  return (
    <>
      <button type="button" className="button button--danger-outline" onClick={() => setOpen(true)}>
        {t("service.delete")}
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("deleteDialog.title")}
        description={t("deleteDialog.body", { name: service.name })}
        cancelLabel={t("deleteDialog.cancel")}
        confirmLabel={t("deleteDialog.confirm")}
        pendingLabel={t("deleteDialog.deleting")}
        pending={remove.isPending}
        tone="danger"
        onConfirm={() => void confirm()}
      />
    </>
  );
}
