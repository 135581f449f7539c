import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { apiMessageOf, classifyApiError } from "../../lib/api-error";
import { type ServiceDto, trpc } from "../../trpc";
import { showSyncToast } from "./show-sync-toast";
import { statusAfterOutcome, toastForOutcome, toastForSyncCallError } from "./sync-toasts";

/**
 * Calls service.sync once per confirmation and tells the outcome. A queued (or joined) sync marks the
 * cached service pending at once, so the page polls and sees the job's own end even when it takes only
 * milliseconds.
 */
export function useStartSync(service: Pick<ServiceDto, "id" | "name">) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const mutation = trpc.service.sync.useMutation();
  // Two clicks in one frame both see the button enabled; the second must not send a second request.
  const inFlight = useRef(false);

  const start = async (): Promise<void> => {
    if (inFlight.current) return;
    inFlight.current = true;
    const input = { id: service.id };
    try {
      const outcome = await mutation.mutateAsync(input);
      const status = statusAfterOutcome(outcome);
      if (status) {
        // A poll answered before the sync was queued must not overwrite "pending" with the old status.
        await utils.service.byId.cancel(input);
        utils.service.byId.setData(input, (old) => old && { ...old, syncStatus: status, syncError: null });
      } else {
        void utils.service.byId.invalidate(input);
      }
      void utils.service.history.invalidate(input);
      void utils.service.list.invalidate();
      showSyncToast(toastForOutcome(outcome, service.name), t);
    } catch (error) {
      const spec = toastForSyncCallError(classifyApiError(error), apiMessageOf(error));
      if (spec) showSyncToast(spec, t);
    } finally {
      inFlight.current = false;
    }
  };

  return { start, starting: mutation.isPending };
}
