import * as Dialog from "@radix-ui/react-dialog";

interface DialogActionsProps {
  cancelLabel: string;
  confirmLabel: string;
  /** Shown on the confirming button while its action runs. */
  pendingLabel?: string | undefined;
  pending: boolean;
  /** The confirming button only; it is always disabled while pending. */
  disabled?: boolean;
  onConfirm: () => void;
  /** False when there is nothing to confirm (e.g. an empty list): only the cancel button, as "Close", is shown. */
  canConfirm?: boolean;
  tone?: "danger" | "primary";
  className?: string;
}

/** A dialog's cancel and confirm buttons; cancel comes first, so it gets the initial focus. */
export function DialogActions({ cancelLabel, confirmLabel, pendingLabel, pending, disabled = false, onConfirm, canConfirm = true, tone = "primary", className }: DialogActionsProps) {
  return (
    <div className={className ? `dialog__actions ${className}` : "dialog__actions"}>
      <Dialog.Close asChild>
        <button type="button" className="button button--secondary" disabled={pending}>
          {cancelLabel}
        </button>
      </Dialog.Close>
      {canConfirm && (
        <button type="button" className={`button button--${tone}`} onClick={onConfirm} disabled={pending || disabled} aria-busy={pending}>
          {pending && pendingLabel ? pendingLabel : confirmLabel}
        </button>
      )}
    </div>
  );
}
