import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { ConfirmDialog } from "../ui/confirm-dialog";

/**
 * Asks before unsaved edits are thrown away by leaving the page (links, Back, closing the tab).
 * `allowLeave()` lets the page move on after a successful save.
 */
export function useLeaveGuard(hasUnsavedChanges: boolean): { allowLeave: () => void; dialog: ReactNode } {
  const { t } = useTranslation();
  const leaving = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => hasUnsavedChanges && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!hasUnsavedChanges) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (!leaving.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [hasUnsavedChanges]);

  const dialog = (
    <ConfirmDialog
      open={blocker.state === "blocked"}
      onOpenChange={(open) => {
        if (!open) blocker.reset?.();
      }}
      title={t("form.leave.title")}
      description={t("form.leave.body")}
      cancelLabel={t("form.leave.stay")}
      confirmLabel={t("form.leave.discard")}
      tone="danger"
      onConfirm={() => blocker.proceed?.()}
    />
  );
  return {
    allowLeave: () => {
      leaving.current = true;
    },
    dialog,
  };
}
