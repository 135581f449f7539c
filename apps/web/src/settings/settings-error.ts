import type { TFunction } from "i18next";
import { toast } from "sonner";
import { classifyApiError } from "../lib/api-error";

/**
 * A failed settings change in an error toast, in plain words: never the server's raw text, which may be
 * a proxy page. UNAUTHORIZED shows nothing, as the session has ended and the sign-in page takes over.
 */
export function showSettingsError(error: unknown, t: TFunction, fallback: "settings.calcomKey.saveFailed" | "settings.calcomKey.removeFailed"): void {
  switch (classifyApiError(error)) {
    case "unauthorized":
      return;
    case "unavailable":
      toast.error(t("settings.unavailable"));
      return;
    case "forbidden":
      toast.error(t("settings.forbidden"));
      return;
    case "rate_limited":
      toast.error(t("settings.rateLimited"));
      return;
    default:
      toast.error(t(fallback));
  }
}
