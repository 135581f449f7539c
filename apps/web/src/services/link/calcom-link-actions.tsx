import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { type ServiceDto, trpc } from "../../trpc";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { apiErrorMessage } from "./api-error-message";
import { LinkDialog } from "./link-dialog";

type LinkedService = Pick<ServiceDto, "id" | "name" | "version" | "calcomEventTypeId" | "syncStatus">;

interface ActionsProps {
  service: LinkedService;
  /** Told the service as linked or unlinked (the edit form moves its version on with it). */
  onChanged?: ((service: ServiceDto) => void) | undefined;
}

/** For admins: "Link event type" on a service without one, "Unlink" on a linked one. */
export function CalcomLinkActions({ service, onChanged }: ActionsProps) {
  return service.calcomEventTypeId === null ? (
    <LinkEventTypeButton service={service} onChanged={onChanged} />
  ) : (
    <UnlinkButton service={service} eventTypeId={service.calcomEventTypeId} onChanged={onChanged} />
  );
}

function LinkEventTypeButton({ service, onChanged }: ActionsProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* As Unlink: while a job runs (a Create in Cal.com links its own event type) the server refuses a link. */}
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)} disabled={service.syncStatus === "pending"}>
        {t("link.button")}
      </button>
      <LinkDialog service={service} open={open} onOpenChange={setOpen} onLinked={onChanged} />
    </>
  );
}

function UnlinkButton({ service, eventTypeId, onChanged }: ActionsProps & { eventTypeId: number }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [open, setOpen] = useState(false);
  const unlink = trpc.service.unlink.useMutation();

  const confirm = async () => {
    try {
      const unlinked = await unlink.mutateAsync({ id: service.id, version: service.version });
      utils.service.byId.setData({ id: service.id }, unlinked);
      onChanged?.(unlinked);
      void utils.service.list.invalidate();
      toast.success(t("link.unlinked"), { description: service.name });
    } catch (error) {
      toast.error(t("link.unlinkFailed"), { description: apiErrorMessage(error, t) });
      void utils.service.byId.invalidate({ id: service.id });
    } finally {
      setOpen(false);
    }
  };

  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)} disabled={service.syncStatus === "pending"}>
        {t("link.unlink")}
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("link.unlinkTitle")}
        description={t("link.unlinkBody", { name: service.name, id: eventTypeId })}
        cancelLabel={t("link.cancel")}
        confirmLabel={t("link.unlink")}
        pendingLabel={t("link.unlinking")}
        pending={unlink.isPending}
        onConfirm={() => void confirm()}
      />
    </>
  );
}
