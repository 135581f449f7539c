import type { TFunction } from "i18next";
import { toast } from "sonner";
import { type ApiErrorKind, apiIssuesOf, classifyApiError } from "../lib/api-error";
import { issuesByField } from "../lib/field-errors";
import { SERVER_MESSAGE } from "./field-message";
import { SERVICE_FIELDS } from "./service-values";
import type { ServiceForm } from "./use-service-form";

/**
 * Shows why a create/update failed without touching what the person typed: validation issues go onto
 * their fields, everything else into a toast or the form's top message. CONFLICT and NOT_FOUND are
 * returned for the edit page to handle.
 */
export function showSaveError(error: unknown, form: ServiceForm, t: TFunction): ApiErrorKind {
  const kind = classifyApiError(error);
  switch (kind) {
    case "bad_request": {
      const { byField, unplaced } = issuesByField(apiIssuesOf(error), SERVICE_FIELDS);
      const fields = SERVICE_FIELDS.filter((field) => byField[field]);
      for (const field of fields) form.setError(field, { type: SERVER_MESSAGE, message: byField[field]?.message });
      const first = fields[0];
      if (first) form.setFocus(first);
      if (unplaced.length > 0 || fields.length === 0) {
        form.setError("root.server", { message: unplaced.map((issue) => issue.message).join(" ") || t("form.saveFailed") });
      }
      break;
    }
    case "unavailable":
      toast.error(t("form.unavailable"));
      break;
    case "forbidden":
      toast.error(t("form.forbidden"));
      break;
    case "rate_limited":
      toast.error(t("form.rateLimited"));
      break;
    case "conflict":
    case "not_found":
    case "unauthorized":
      break;
    default:
      toast.error(t("form.saveFailed"));
  }
  return kind;
}
