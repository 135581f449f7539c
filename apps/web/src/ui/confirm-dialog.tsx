import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { useFocusReturn } from "./use-focus-return";

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  pendingLabel?: string;
  tone?: "danger" | "primary";
  /** Where focus goes on closing when the element that opened the dialog no longer exists. */
  onFocusLost?: () => void;
}

/**
 * A modal question with one confirming action. Radix traps focus and closes on Escape; focus goes back to
 * where it was; the cancel button comes first so it gets the initial focus.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel,
  onConfirm,
  pending = false,
  pendingLabel,
  tone = "primary",
  onFocusLost,
}: ConfirmDialogProps) {
  const focusReturn = useFocusReturn(onFocusLost);
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <Dialog.Content className="dialog" role="alertdialog" {...focusReturn}>
          <Dialog.Title className="dialog__title">{title}</Dialog.Title>
          <Dialog.Description className="dialog__body">{description}</Dialog.Description>
          <div className="dialog__actions">
            <Dialog.Close asChild>
              <button type="button" className="button button--secondary" disabled={pending}>
                {cancelLabel}
              </button>
            </Dialog.Close>
            <button type="button" className={`button button--${tone}`} onClick={onConfirm} disabled={pending} aria-busy={pending}>
              {pending && pendingLabel ? pendingLabel : confirmLabel}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
