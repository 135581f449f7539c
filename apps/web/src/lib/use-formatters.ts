import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatDuration, formatMinutes, formatPrice, formatRelative, formatTimeOfDay } from "./format";

/** The current time, refreshed every `intervalMs` so "5 minutes ago" does not go stale on an open page. */
function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Formatters bound to the chosen UI language. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? "en";
  const now = useNow(30_000);
  return useMemo(
    () => ({
      minutes: (value: number) => formatMinutes(value, locale),
      price: (minorUnits: number, currency: string) => formatPrice(minorUnits, currency, locale),
      dateTime: (iso: string) => formatDateTime(iso, locale),
      relative: (iso: string) => formatRelative(iso, now, locale),
      timeOfDay: (iso: string) => formatTimeOfDay(iso, locale),
      duration: (ms: number) => formatDuration(ms, locale),
      locale,
    }),
    [locale, now],
  );
}
