import type { SyncStatus } from "@askpro/domain";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { type ServiceDto, trpc } from "../../trpc";
import { showSyncToast } from "./show-sync-toast";
import { syncTransition, toastForTransition } from "./sync-toasts";

/**
 * Watches the service shown on the view page: when its status leaves `pending`, a toast tells how the
 * job ended, once per transition; any status change refreshes the history.
 */
export function useSyncOutcomeToasts(service: ServiceDto | undefined): void {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const seen = useRef<{ id: string; status: SyncStatus; eventTypeId: number | null } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to status and link changes only; name and error are read with them
  useEffect(() => {
    if (!service) return;
    const previous = seen.current?.id === service.id ? seen.current.status : undefined;
    // A job that ended with the service newly linked was "Create in Cal.com".
    const created = seen.current?.id === service.id && seen.current.eventTypeId === null && service.calcomEventTypeId !== null;
    seen.current = { id: service.id, status: service.syncStatus, eventTypeId: service.calcomEventTypeId };
    if (previous === undefined || previous === service.syncStatus) return;
    void utils.service.history.invalidate({ id: service.id });
    const transition = syncTransition(previous, service.syncStatus);
    if (!transition) return;
    void utils.service.list.invalidate();
    // The id keeps it to one toast even if the same change were seen twice.
    const toastId = `sync-result-${service.id}-${service.lastSyncAttemptAt ?? ""}`;
    if (created && transition === "synced") toast.success(t("createInCalcom.created"), { description: service.name, id: toastId });
    else showSyncToast(toastForTransition(transition, service), t, toastId);
  }, [service?.id, service?.syncStatus, service?.calcomEventTypeId]);
}
