import { useRef } from "react";

/**
 * Radix returns focus to a Dialog.Trigger when a dialog closes; a dialog opened from state has none, and
 * focus would fall to the page's start. These handlers remember what had focus when it opened and go back.
 * `onFocusLost` runs instead when that element is gone by then (the dialog's action removed it).
 */
export function useFocusReturn(onFocusLost?: () => void) {
  const returnTo = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    onCloseAutoFocus: (event: Event) => {
      const target = returnTo.current;
      returnTo.current = null;
      if (target?.isConnected) {
        event.preventDefault();
        target.focus();
      } else if (onFocusLost) {
        event.preventDefault();
        onFocusLost();
      }
    },
  };
}
