import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { DialogActions } from "./dialog-actions";
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
          <DialogActions
            cancelLabel={cancelLabel}
            confirmLabel={confirmLabel}
            pendingLabel={pendingLabel}
            pending={pending}
            onConfirm={onConfirm}
            tone={tone}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
