import * as Dialog from "@radix-ui/react-dialog";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { classifyApiError } from "../../lib/api-error";
import { type ServiceDto, trpc } from "../../trpc";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { DialogActions } from "../../ui/dialog-actions";
import { useFocusReturn } from "../../ui/use-focus-return";
import { apiErrorMessage } from "../link/api-error-message";

type DeletedService = Pick<ServiceDto, "id" | "name" | "calcomEventTypeId">;
/** What happens to a linked service's event type in Cal.com (service.delete's `eventType`). */
type EventTypeChoice = "keep" | "hide" | "delete";
const CHOICES: readonly EventTypeChoice[] = ["keep", "hide", "delete"];

/**
 * "Delete": an unlinked service is deleted after a plain confirm; a linked one asks whether to keep, hide
 * or delete its event type in Cal.com. Hide and delete run as a job: the page stays and shows it (see
 * DeletionNotice), and leaves for the list once the service is gone.
 */
export function DeleteServiceButton({ service, label, className }: { service: DeletedService; label?: string; className?: string }) {
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

  const confirm = async (eventType: EventTypeChoice | undefined) => {
    try {
      const result = await remove.mutateAsync({ id: service.id, eventType });
      if (result.outcome === "deleted") {
        toast.success(t("deleteDialog.done"));
        return leaveDeleted();
      }
      setOpen(false);
      // Shown as deleting at once: the job may end before the page reads the service again, and the page
      // follows a deletion it has seen start (useDeletionOutcome).
      if (result.outcome === "deleting") utils.service.byId.setData({ id: service.id }, (old) => old && { ...old, syncStatus: "deleting" });
      void utils.service.byId.invalidate({ id: service.id });
      void utils.service.list.invalidate();
      if (result.outcome === "deleting") toast.info(t("deletion.started"), { description: service.name });
      else toast.error(t("deletion.failedToast"), { description: result.reason });
    } catch (error) {
      const kind = classifyApiError(error);
      // Someone else deleted it already: the outcome the person asked for.
      if (kind === "not_found") return leaveDeleted();
      if (kind === "unauthorized") return;
      toast.error(t("deleteDialog.failed"), { description: apiErrorMessage(error, t) });
      void utils.service.byId.invalidate({ id: service.id });
    }
  };

  return (
    <>
      <button type="button" className={className ?? "button button--danger-outline"} onClick={() => setOpen(true)}>
        {label ?? t("service.delete")}
      </button>
      {service.calcomEventTypeId === null ? (
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
          onConfirm={() => void confirm(undefined)}
        />
      ) : (
        open && (
          <LinkedDeleteDialog
            service={service}
            eventTypeId={service.calcomEventTypeId}
            pending={remove.isPending}
            onOpenChange={setOpen}
            onConfirm={(choice) => void confirm(choice)}
          />
        )
      )}
    </>
  );
}

interface LinkedDeleteDialogProps {
  service: DeletedService;
  eventTypeId: number;
  pending: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: (choice: EventTypeChoice) => void;
}

/** The question a linked service's deletion needs answered: no choice is made for the admin. */
function LinkedDeleteDialog({ service, eventTypeId, pending, onOpenChange, onConfirm }: LinkedDeleteDialogProps) {
  const { t } = useTranslation();
  const focusReturn = useFocusReturn();
  const [choice, setChoice] = useState<EventTypeChoice | null>(null);
  const legendId = useId();
  const name = useId();
  return (
    <Dialog.Root open onOpenChange={(next) => !pending && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className="dialog" role="alertdialog" {...focusReturn}>
          <Dialog.Title className="dialog__title">{t("deleteDialog.title")}</Dialog.Title>
          <Dialog.Description className="dialog__body">{t("deleteDialog.linkedBody", { name: service.name })}</Dialog.Description>
          <fieldset className="choice-list" aria-labelledby={legendId}>
            <legend id={legendId} className="choice-list__legend">
              {t("deleteDialog.eventTypeLegend", { id: eventTypeId })}
            </legend>
            {CHOICES.map((option) => (
              <label key={option} className="choice-list__option">
                <input type="radio" name={name} value={option} checked={choice === option} onChange={() => setChoice(option)} disabled={pending} />
                <span>
                  <span className="choice-list__label">{t(`deleteDialog.choice.${option}`)}</span>
                  <span className="choice-list__hint">{t(`deleteDialog.choice.${option}Hint`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <DialogActions
            cancelLabel={t("deleteDialog.cancel")}
            confirmLabel={t("deleteDialog.confirm")}
            pendingLabel={t("deleteDialog.deleting")}
            pending={pending}
            disabled={choice === null}
            tone="danger"
            onConfirm={() => choice && onConfirm(choice)}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
