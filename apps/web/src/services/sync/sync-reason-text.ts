import type { ReasonValue, SyncReason, SyncReasonDetail } from "@askpro/domain";
import type { TFunction } from "i18next";

/**
 * A sync's failure in the reader's language, from its code and parameters (packages/domain's
 * sync-reason.ts). Cal.com's own message and our error messages are quoted as they are, untranslated.
 * `fallback`: the stored English text, shown for a row from before codes, or a code this SPA does not
 * know yet (an api newer than the page).
 */
export function syncReasonText(reason: SyncReason | null | undefined, fallback: string | null | undefined, t: TFunction): string | null {
  if (!reason) return fallback ?? null;
  const text = detailText(reason, t);
  if (text === null) return fallback ?? null;
  const withStatus = "status" in reason && reason.status !== null ? t("syncReason.status", { text, status: reason.status }) : text;
  return reason.gaveUpAfter === undefined ? withStatus : t("syncReason.gaveUpAfter", { text: withStatus, count: reason.gaveUpAfter });
}

/** A sent or answered value: texts quoted, flags as yes/no, the rest as JSON. */
export function reasonValueText(value: ReasonValue, t: TFunction): string {
  if (typeof value === "string") return value === "" ? t("syncReason.empty") : t("syncReason.quoted", { text: value });
  if (typeof value === "boolean") return t(value ? "syncReason.yes" : "syncReason.no");
  return JSON.stringify(value ?? null);
}

/** The label of a sent Cal.com field (as the sync dialog names it); its own name when unknown. */
export function sentFieldLabel(field: string, t: TFunction): string {
  const key = `sync.dialog.fields.${field}`;
  return t(key as never, { defaultValue: field }) as string;
}

function detailText(reason: SyncReasonDetail, t: TFunction): string | null {
  switch (reason.code) {
    case "unapplied_fields": {
      const fields = reason.fields.map(({ field, sent, calcom }) =>
        t("syncReason.unappliedField", { label: sentFieldLabel(field, t), sent: reasonValueText(sent, t), calcom: reasonValueText(calcom, t) }),
      );
      return t("syncReason.unapplied_fields", { fields: fields.join(", ") });
    }
    case "values_not_expressible": {
      const fields = reason.fields.map(({ field, sent, calcom }) =>
        t("syncReason.notExpressibleField", { label: sentFieldLabel(field, t), sent: reasonValueText(sent, t), calcom: reasonValueText(calcom, t) }),
      );
      return t("syncReason.values_not_expressible", { fields: fields.join(", ") });
    }
    case "calcom_forbidden":
      return reason.eventTypeId === null ? t("syncReason.calcom_forbidden_noId") : t("syncReason.calcom_forbidden", { id: reason.eventTypeId });
    case "event_type_not_found":
      return reason.eventTypeId === null ? t("syncReason.event_type_not_found_noId") : t("syncReason.event_type_not_found", { id: reason.eventTypeId });
    case "calcom_rejected":
    case "calcom_conflict":
      return t(`syncReason.${reason.code}`, { message: reason.message ?? t("syncReason.noMessage") });
    case "calcom_bad_response":
      return t(reason.status === null ? "syncReason.calcom_bad_response" : "syncReason.calcom_bad_response_status");
    case "worker_error":
    case "queue_failed":
      return t(`syncReason.${reason.code}`, { message: reason.message });
    case "calcom_key_rejected":
    case "rate_limited":
    case "calcom_server_error":
    case "calcom_unreachable":
    case "calcom_timeout":
    case "no_event_type":
    case "no_key":
    case "key_unreadable":
    case "job_lost":
    case "job_lost_mid_call":
      return t(`syncReason.${reason.code}`);
    case "slug_taken": {
      if (reason.eventTypeId === null) return t("syncReason.slug_taken_noId", { slug: reason.slug });
      const params = { id: reason.eventTypeId, slug: reason.slug, title: reason.title ?? "" };
      return reason.title === null ? t("syncReason.slug_taken", params) : t("syncReason.slug_taken_titled", params);
    }
    default: {
      // Every code is worded above (the compiler checks); one from a newer api shows its stored text.
      const unknown: never = reason;
      void unknown;
      return null;
    }
  }
}
