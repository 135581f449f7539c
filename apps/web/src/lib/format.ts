/** Display formatting for service data. Every function takes the locale so German and English differ only here. */

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

function unit(locale: string, name: "day" | "hour" | "minute", value: number): string {
  // Short day forms read as cryptic abbreviations ("1 Tg."), so days are spelled out.
  const unitDisplay = name === "day" ? "long" : "short";
  return new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay }).format(value);
}

/** 15 -> "15 min", 90 -> "1 hr 30 min", 1440 -> "1 day"; whole parts, largest first, zero parts left out. */
export function formatMinutes(totalMinutes: number, locale: string): string {
  if (!Number.isFinite(totalMinutes) || totalMinutes <= 0) return unit(locale, "minute", Math.max(0, totalMinutes || 0));
  const days = Math.floor(totalMinutes / MINUTES_PER_DAY);
  const hours = Math.floor((totalMinutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const minutes = totalMinutes % MINUTES_PER_HOUR;
  const parts: string[] = [];
  if (days) parts.push(unit(locale, "day", days));
  if (hours) parts.push(unit(locale, "hour", hours));
  if (minutes) parts.push(unit(locale, "minute", minutes));
  return parts.join(" ");
}

/** Minor units of a currency (EUR 2, JPY 0); 2 when the code is not a currency Intl knows. */
export function currencyFractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Price stored in minor units (cents) shown as money: 4990 EUR -> "€49.90" (en) / "49,90 €" (de). */
export function formatPrice(minorUnits: number, currency: string, locale: string): string {
  const amount = minorUnits / 10 ** currencyFractionDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
  } catch {
    // An unknown code must still show the amount rather than break the page.
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** The time of day to the second, for events seconds apart (the HTTP attempts of one sync). */
export function formatTimeOfDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "medium" }).format(new Date(iso));
}

const RELATIVE_STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.345],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "5 minutes ago", "yesterday", "in 2 hours": the largest unit that keeps the number below its next step. */
export function formatRelative(iso: string, now: Date, locale: string): string {
  let value = (new Date(iso).getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [name, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) {
      // Under ten seconds reads as "now" rather than a jittery count of seconds.
      if (name === "second" && Math.abs(value) < 10) return format.format(0, "second");
      return format.format(Math.round(value), name);
    }
    value /= size;
  }
  return format.format(Math.round(value), "year");
}

/** How long something took: 350 -> "350 ms", 1234 -> "1.2 sec", 125000 -> "2 min 5 sec". */
export function formatDuration(ms: number, locale: string): string {
  const format = (value: number, name: "millisecond" | "second" | "minute", digits = 0) =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: digits }).format(value);
  const safe = Math.max(0, Number.isFinite(ms) ? ms : 0);
  if (safe < 1000) return format(Math.round(safe), "millisecond");
  if (safe < 60_000) return format(Math.floor(safe / 100) / 10, "second", 1);
  const seconds = Math.round(safe / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? format(minutes, "minute") : `${format(minutes, "minute")} ${format(rest, "second")}`;
}
