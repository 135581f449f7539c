import type { TFunction } from "i18next";
import { toast } from "sonner";
import { syncReasonText } from "./sync-reason-text";
import type { SyncToast } from "./sync-toasts";

/** Renders a chosen toast. Names and reasons are passed as text, which sonner renders as text (never HTML). */
export function showSyncToast(spec: SyncToast, t: TFunction, id?: string): void {
  const description = (spec.reason ? syncReasonText(spec.reason, spec.description, t) : spec.description) ?? (spec.hint ? t(spec.hint) : undefined);
  toast[spec.type](t(spec.title), { description, id });
}
