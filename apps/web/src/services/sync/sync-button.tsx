import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ServiceDto } from "../../trpc";
import { SyncDialog } from "./sync-dialog";
import { useStartSync } from "./use-start-sync";

interface SyncButtonProps {
  service: Pick<ServiceDto, "id" | "name" | "calcomEventTypeId" | "syncStatus">;
  /** The element that says why the button cannot be used (no event type linked). */
  reasonId: string;
}

/**
 * "Sync with Cal.com" and its confirm dialog. When it cannot be used it stays focusable (aria-disabled
 * rather than disabled), so keyboard and screen-reader users reach it and hear why; focus also has a
 * place to return to when the dialog closes on a now pending service.
 */
export function SyncButton({ service, reasonId }: SyncButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { start, starting } = useStartSync(service);
  const linked = service.calcomEventTypeId !== null;
  const pending = service.syncStatus === "pending";
  const unavailable = !linked || pending;

  const confirm = async () => {
    await start();
    setOpen(false);
  };

  return (
    <>
      <button
        type="button"
        className="button button--primary button--small"
        aria-disabled={unavailable || undefined}
        aria-describedby={linked ? undefined : reasonId}
        onClick={() => {
          if (!unavailable) setOpen(true);
        }}
      >
        {pending ? (
          <>
            <span className="spinner spinner--small spinner--on-primary" aria-hidden="true" />
            {t("status.pending")}
          </>
        ) : (
          t("sync.button")
        )}
      </button>
      {linked && <SyncDialog service={service} open={open} onOpenChange={setOpen} onConfirm={() => void confirm()} starting={starting} />}
    </>
  );
}
