import type { TFunction } from "i18next";
import { classifyApiError } from "../../lib/api-error";

/**
 * The reason to show for a failed picker, link or unlink: the server's own sentence when it answered
 * with one (an event type not the company's, already linked, a sync pending, a stale version, Cal.com
 * unreachable), else a general text when the api itself could not be reached.
 */
export function apiErrorMessage(error: unknown, t: TFunction): string {
  const kind = classifyApiError(error);
  if (kind === "forbidden") return t("form.forbidden");
  if (kind !== "unavailable" && error instanceof Error && error.message) return error.message;
  return t("app.genericError");
}
