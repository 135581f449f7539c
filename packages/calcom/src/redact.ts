const REDACTED = "[redacted]";

/** A copy of `value` in which every string has `secret` replaced, so it can go into errors and logs. */
export function redactSecret(value: unknown, secret: string): unknown {
  if (typeof value === "string") return value.replaceAll(secret, REDACTED);
  if (Array.isArray(value)) return value.map((item) => redactSecret(item, secret));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactSecret(key, secret), redactSecret(item, secret)]));
  }
  return value;
}
