/**
 * What react-hook-form stores for the form's text inputs. They are called with the typed text and also
 * with the default values themselves (numbers, null), so both must map to the same thing.
 */

const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === "string" && value.trim() === "");

/** A required number: blank becomes NaN, which the schema reports as "enter a number". */
export function toNumber(value: unknown): number {
  return isBlank(value) ? Number.NaN : Number(value);
}

/** An optional number (the Cal.com event type id): blank means "not linked". */
export function toOptionalNumber(value: unknown): number | null {
  return isBlank(value) ? null : Number(value);
}

export function toCurrency(value: unknown): string {
  return String(value ?? "").trim().toUpperCase();
}
