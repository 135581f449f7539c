import { currencyFractionDigits } from "./format";

/**
 * Parses what a person types into the price field into minor units: "49", "49.9", "49,90" -> 4990.
 * Returns NaN for anything else (letters, too many decimals, several separators) so the form's
 * schema reports it as a price error instead of silently rounding.
 */
export function parseMoneyInput(text: string, currency: string): number {
  const trimmed = text.trim();
  if (trimmed === "") return Number.NaN;
  const digits = currencyFractionDigits(currency);
  const match = /^(-?)(\d+)(?:[.,](\d*))?$/.exec(trimmed);
  if (!match) return Number.NaN;
  const [, sign = "", whole = "0", fraction = ""] = match;
  if (fraction.length > digits) return Number.NaN;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return sign === "-" ? -minor : minor;
}

/** Minor units back to the plain text the price field shows: 4990 EUR -> "49.90", 500 JPY -> "500". */
export function formatMoneyInput(minorUnits: number, currency: string): string {
  if (!Number.isFinite(minorUnits)) return "";
  const digits = currencyFractionDigits(currency);
  return (minorUnits / 10 ** digits).toFixed(digits);
}
