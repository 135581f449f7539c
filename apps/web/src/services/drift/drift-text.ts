import type { DriftDetail } from "@askpro/domain";
import type { TFunction } from "i18next";
import { reasonValueText, sentFieldLabel } from "../sync/sync-reason-text";

/**
 * What the drift check found, in the reader's language, from its code and parameters (packages/domain
 * calcom-drift.ts): each changed field with our value and Cal.com's. null: nothing to say (in step).
 */
export function driftDetailText(detail: DriftDetail | null, t: TFunction): string | null {
  if (!detail) return null;
  switch (detail.code) {
    case "in_step":
      return null;
    case "missing_in_calcom":
      return t("drift.missingDetail", { id: detail.eventTypeId });
    case "changed_in_calcom": {
      const fields = detail.fields.map(({ field, ours, calcom }) =>
        t("drift.changedField", { label: sentFieldLabel(field, t), ours: reasonValueText(ours, t), calcom: reasonValueText(calcom, t) }),
      );
      return t("drift.changedDetail", { fields: fields.join(", ") });
    }
  }
}
