/**
 * Read-back: Cal.com answers a PATCH with the event type as it now is, and drops fields it does not
 * know without an error. Comparing what was sent with that answer is the only way to know a field took.
 */
import type { CalcomEventTypeSnapshot, CalcomEventTypeUpdate } from "./calcom-mapping";
import { describeSyncReason, unappliedFieldsReason } from "./sync-reason";

/** A sent field whose value Cal.com does not hold after answering 2xx. */
export interface UnappliedField {
  field: keyof CalcomEventTypeUpdate;
  sent: unknown;
  /** Cal.com's value as it answered it (null when it answered null). */
  actual: unknown;
}

/** Cal.com omits or nulls the policy of an event type that needs no confirmation. */
function confirmationPolicyKey(value: unknown): string {
  if (value === undefined || value === null) return "disabled";
  if (typeof value !== "object") return `other:${JSON.stringify(value)}`;
  const policy = value as { disabled?: unknown; type?: unknown; blockUnconfirmedBookingsInBooker?: unknown };
  if (policy.disabled === true) return "disabled";
  // Cal.com adds its own keys (noticeThreshold, ...) to a policy: only the two the mapping sends count.
  return `${String(policy.type)}:${policy.blockUnconfirmedBookingsInBooker === true}`;
}

/** Both sides in the form the mapping sends them, so that equal settings compare equal. */
function normalised(field: keyof CalcomEventTypeUpdate, value: unknown): unknown {
  switch (field) {
    case "confirmationPolicy":
      return confirmationPolicyKey(value);
    case "description":
      // The mapping sends "" for no description; Cal.com may answer null for it.
      return value ?? "";
    default:
      return value;
  }
}

/**
 * Every sent field whose value Cal.com's answer does not hold, in the order they were sent. A field the
 * answer leaves out entirely is not judged (the spec lets Cal.com omit the optional ones), except the
 * confirmation policy, whose absence means "disabled".
 */
export function unappliedFields(sent: CalcomEventTypeUpdate, answer: CalcomEventTypeSnapshot): UnappliedField[] {
  const answered = answer as Record<string, unknown>;
  const unapplied: UnappliedField[] = [];
  for (const field of Object.keys(sent) as Array<keyof CalcomEventTypeUpdate>) {
    const actual = answered[field];
    if (actual === undefined && field !== "confirmationPolicy") continue;
    if (normalised(field, sent[field]) === normalised(field, actual)) continue;
    unapplied.push({ field, sent: sent[field], actual: actual ?? null });
  }
  return unapplied;
}

/**
 * e.g. "Cal.com did not apply: minimumBookingNotice (sent 120, Cal.com has 0)": the English text; a
 * failure is stored as its code (unappliedFieldsReason), which the SPA words in the reader's language.
 */
export function describeUnappliedFields(fields: readonly UnappliedField[]): string {
  return describeSyncReason(unappliedFieldsReason(fields));
}
