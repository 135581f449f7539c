import type { SyncStatus } from "@askpro/domain";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { toast } from "sonner";
import { useCanEdit } from "../../auth/me-context";
import { classifyApiError } from "../../lib/api-error";
import { type ServiceDto, trpc } from "../../trpc";
import { syncReasonText } from "../sync/sync-reason-text";
import { DeleteServiceButton } from "./delete-service-button";

/** While its Cal.com job runs, a service being deleted is read this often. */
export const DELETING_POLL_MS = 1_000;

/** A service whose deletion has started: edits, syncs and links no longer apply to it. */
export function isBeingDeleted(status: SyncStatus): boolean {
  return status === "deleting" || status === "delete_failed";
}

/** On the page of a service being deleted: what is happening, or why it failed and a way to try again. */
export function DeletionNotice({ service }: { service: ServiceDto }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  if (service.syncStatus === "deleting") {
    return (
      <div className="alert alert--info deletion-notice" role="status">
        <p className="alert__title">{t("deletion.deletingTitle")}</p>
        <p>{t("deletion.deletingBody")}</p>
      </div>
    );
  }
  if (service.syncStatus !== "delete_failed") return null;
  return (
    <div className="alert alert--error deletion-notice" role="alert">
      <p className="alert__title">{t("deletion.failedTitle")}</p>
      <p className="prewrap">{t("deletion.failedBody", { reason: syncReasonText(service.syncReason, service.syncError, t) ?? "" })}</p>
      {canEdit && <DeleteServiceButton service={service} label={t("deletion.retry")} className="button button--secondary" />}
    </div>
  );
}

/**
 * Follows a deletion the admin started on this page: once the service is gone, back to the list with
 * "Service deleted"; when its Cal.com job failed, a toast (the notice says why).
 */
export function useDeletionOutcome(id: string, query: { data?: ServiceDto | undefined; error: unknown; isError: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const wasDeleting = useRef(false);
  const gone = query.isError && classifyApiError(query.error) === "not_found";
  const status = query.data?.syncStatus;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the status or the deletion's end changes
  useEffect(() => {
    if (gone) {
      if (!wasDeleting.current) return;
      wasDeleting.current = false;
      toast.success(t("deleteDialog.done"));
      void utils.service.list.invalidate();
      void navigate("/services", { replace: true });
      return;
    }
    if (status === "deleting") {
      wasDeleting.current = true;
      return;
    }
    if (wasDeleting.current && status === "delete_failed") toast.error(t("deletion.failedToast"));
    wasDeleting.current = false;
  }, [gone, status, id]);
}
