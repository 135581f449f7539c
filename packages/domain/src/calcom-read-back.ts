/**
 * Read-back: Cal.com answers a PATCH with the event type as it now is, and drops fields it does not
 * know without an error. Comparing what was sent with that answer is the only way to know a field took.
 */
import { type CalcomEventTypeSnapshot, type CalcomEventTypeUpdate, SENT_FIELD_NAMES } from "./calcom-mapping";

/** A sent field whose value Cal.com does not hold after answering 2xx. */
export interface UnappliedField {
  field: keyof CalcomEventTypeUpdate;
  sent: unknown;
  /** Cal.com's value as it answered it (null when it answered null). */
  actual: unknown;
}

/** The reason's fixed start: the SPA tells this failure from others by it (see unappliedFieldNames). */
export const UNAPPLIED_REASON_PREFIX = "Cal.com did not apply: ";

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

const shown = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value ?? null));

/** e.g. "Cal.com did not apply: minimumBookingNotice (sent 120, Cal.com has 0)". */
export function describeUnappliedFields(fields: readonly UnappliedField[]): string {
  const parts = fields.map(({ field, sent, actual }) => `${field} (sent ${shown(sent)}, Cal.com has ${shown(actual)})`);
  return `${UNAPPLIED_REASON_PREFIX}${parts.join(", ")}`;
}

/** The end of the JSON value that starts at `from` (describeUnappliedFields writes values as JSON). */
function jsonValueEnd(text: string, from: number): number {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") depth--;
    else if (depth === 0 && (char === "," || char === ")")) return i;
    if (depth === 0 && !inString && (char === '"' || char === "}" || char === "]") && i > from) return i + 1;
  }
  return -1;
}

/**
 * The field names of a reason describeUnappliedFields wrote; null for any other reason. The values are
 * skipped as JSON, so a sent text that contains "x (sent " names nothing extra.
 */
export function unappliedFieldNames(reason: string | null | undefined): Array<keyof CalcomEventTypeUpdate> | null {
  if (!reason?.startsWith(UNAPPLIED_REASON_PREFIX)) return null;
  const names: Array<keyof CalcomEventTypeUpdate> = [];
  let at = UNAPPLIED_REASON_PREFIX.length;
  while (at < reason.length) {
    const head = /^([A-Za-z]+) \(sent /.exec(reason.slice(at));
    if (!head) return names;
    const sentEnd = jsonValueEnd(reason, at + head[0].length);
    if (sentEnd < 0 || !reason.startsWith(", Cal.com has ", sentEnd)) return names;
    const actualEnd = jsonValueEnd(reason, sentEnd + ", Cal.com has ".length);
    if (actualEnd < 0 || reason[actualEnd] !== ")") return names;
    const name = SENT_FIELD_NAMES.find((field) => field === head[1]);
    if (name) names.push(name);
    at = actualEnd + 1;
    if (reason.startsWith(", ", at)) at += 2;
  }
  return names;
}
