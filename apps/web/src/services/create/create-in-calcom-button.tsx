import type { CreateInCalcomOutcome } from "@askpro/api";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { type ServiceDto, trpc } from "../../trpc";
import { apiErrorMessage } from "../link/api-error-message";

type CreatableService = Pick<ServiceDto, "id" | "name" | "syncStatus">;

/**
 * "Create in Cal.com" on a service without an event type: queues the job that creates the event type
 * from the service and links it. The page then shows it as a sync: "Sync pending", the live status,
 * and a toast when the job ends ("Event type created in Cal.com", see use-sync-outcome-toasts).
 */
export function CreateInCalcomButton({ service }: { service: CreatableService }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const mutation = trpc.service.createInCalcom.useMutation();
  // Two clicks in one frame both see the button enabled; the server would refuse the second anyway.
  const inFlight = useRef(false);
  const pending = service.syncStatus === "pending";

  const start = async () => {
    if (inFlight.current || pending) return;
    inFlight.current = true;
    const input = { id: service.id };
    try {
      const outcome = await mutation.mutateAsync(input);
      if (outcome.outcome === "queued" || outcome.outcome === "already_pending") {
        // A poll answered before the job was queued must not overwrite "pending" with the old status.
        await utils.service.byId.cancel(input);
        utils.service.byId.setData(input, (old) => old && { ...old, syncStatus: "pending", syncError: null, syncReason: null });
      } else {
        void utils.service.byId.invalidate(input);
      }
      void utils.service.history.invalidate(input);
      void utils.service.list.invalidate();
      showOutcome(outcome, service.name, t);
    } catch (error) {
      toast.error(t("createInCalcom.notStarted"), { description: apiErrorMessage(error, t) });
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <button type="button" className="button button--secondary" aria-disabled={pending || undefined} disabled={mutation.isPending} onClick={() => void start()}>
      {mutation.isPending ? t("createInCalcom.starting") : t("createInCalcom.button")}
    </button>
  );
}

function showOutcome(outcome: CreateInCalcomOutcome, name: string, t: ReturnType<typeof useTranslation>["t"]) {
  switch (outcome.outcome) {
    case "queued":
      toast.success(t("createInCalcom.queued"), { description: name });
      return;
    case "already_pending":
      toast.info(t("createInCalcom.alreadyPending"), { description: name });
      return;
    case "already_linked":
      toast.warning(t("createInCalcom.alreadyLinked"), { description: name });
      return;
    case "enqueue_failed":
      toast.error(t("createInCalcom.notStarted"), { description: outcome.reason });
      return;
  }
}
